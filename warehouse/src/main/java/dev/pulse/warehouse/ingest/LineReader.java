package dev.pulse.warehouse.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a body into lines with exact numbers, reading it in small pieces so a large body is never
 * held whole.
 *
 * <p>Accepts what real producers send: a UTF-8 byte order mark, CRLF line ends and a missing final
 * newline. Decodes every line strictly: invalid bytes, overlong encodings and encoded surrogates
 * make that line unreadable instead of being replaced silently. A line over the limit is skipped
 * to its end without being buffered and reported as too long.
 */
final class LineReader {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkPos;
    private int chunkLen;
    private byte[] line = new byte[1024];
    private long number;
    private boolean eof;

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at the end of the body. */
    Line next() {
        if (eof) {
            return null;
        }
        int length = 0;
        boolean tooLong = false;
        boolean sawAny = false;
        while (true) {
            if (chunkPos == chunkLen && !fill()) {
                eof = true;
                if (!sawAny) {
                    return null;
                }
                break;
            }
            sawAny = true;
            byte b = chunk[chunkPos++];
            if (b == '\n') {
                break;
            }
            if (length >= maxLineBytes) {
                tooLong = true;
                continue;
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(maxLineBytes, line.length * 2));
            }
            line[length++] = b;
        }
        number++;
        if (tooLong) {
            return Line.bad(number, "line longer than " + maxLineBytes + " bytes");
        }
        int start = 0;
        if (number == 1 && length >= 3 && Arrays.equals(line, 0, 3, BOM, 0, 3)) {
            start = 3;
        }
        if (length > start && line[length - 1] == '\r') {
            length--;
        }
        return decode(start, length);
    }

    private Line decode(int start, int end) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return Line.ok(number, decoder.decode(ByteBuffer.wrap(line, start, end - start)).toString());
        } catch (CharacterCodingException e) {
            return Line.bad(number, "invalid UTF-8 at byte " + (firstInvalidByte(start, end) + 1));
        }
    }

    /** Where decoding failed, so the client can find the byte; 0-based within the line. */
    private int firstInvalidByte(int start, int end) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(line, start, end - start);
        var chars = java.nio.CharBuffer.allocate(end - start + 1);
        decoder.decode(bytes, chars, true);
        return bytes.position() - start;
    }

    private boolean fill() {
        try {
            int n;
            do {
                n = in.read(chunk);
            } while (n == 0);
            if (n < 0) {
                return false;
            }
            chunkPos = 0;
            chunkLen = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
