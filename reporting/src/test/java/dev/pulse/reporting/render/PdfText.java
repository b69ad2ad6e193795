package dev.pulse.reporting.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** A PDF's text as PDFBox reads it, line by line in reading order. */
record PdfText(String text) {

    static PdfText of(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return new PdfText(stripper.getText(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first line that starts with {@code label}; fails when there is none. */
    String line(String label) {
        return lines().stream()
                .filter(l -> l.strip().startsWith(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with " + label + " in:\n" + text));
    }

    List<String> lines() {
        return text.lines().toList();
    }
}
