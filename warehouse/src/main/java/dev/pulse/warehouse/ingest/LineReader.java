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
 *
 * <p>For JSON the lines are handed out as their bytes, checked to be well-formed UTF-8 but not
 * decoded: the JSON parser reads UTF-8 itself, and decoding every line to a String first was a third
 * of what ingestion allocated per row (JFR, {@code scripts/bench ingest}).
 */
final class LineReader {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final int maxLineBytes;
    private final boolean asBytes;
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkPos;
    private int chunkLen;
    private byte[] line = new byte[1024];
    private long number;
    private boolean eof;

    LineReader(InputStream in, int maxLineBytes) {
        this(in, maxLineBytes, false);
    }

    /** @param asBytes lines as bytes valid until the next line is read, not as Strings */
    LineReader(InputStream in, int maxLineBytes, boolean asBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.asBytes = asBytes;
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
            int end = chunkPos;
            while (end < chunkLen && chunk[end] != '\n') {
                end++;
            }
            int n = end - chunkPos;
            if (!tooLong && length + n > maxLineBytes) {
                tooLong = true;
            }
            if (!tooLong) {
                if (length + n > line.length) {
                    line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(length + n, line.length * 2)));
                }
                System.arraycopy(chunk, chunkPos, line, length, n);
                length += n;
            }
            chunkPos = end;
            if (end < chunkLen) {
                chunkPos++;
                break;
            }
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
        if (asBytes) {
            int invalid = firstIllFormed(line, start, end);
            return invalid < 0
                    ? Line.ok(number, line, start, end - start)
                    : Line.bad(number, "invalid UTF-8 at byte " + (invalid - start + 1));
        }
        decoder.reset();
        try {
            return Line.ok(
                    number,
                    decoder.decode(ByteBuffer.wrap(line, start, end - start)).toString());
        } catch (CharacterCodingException e) {
            return Line.bad(number, "invalid UTF-8 at byte " + (firstInvalidByte(start, end) + 1));
        }
    }

    /**
     * Where the first ill-formed UTF-8 sequence starts, or -1: the well-formed sequences of the
     * Unicode Standard (table 3-7), so no overlong form, no encoded surrogate, nothing above U+10FFFF.
     */
    static int firstIllFormed(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                if (c == 0xE0) {
                    lo = 0xA0;
                } else if (c == 0xED) {
                    hi = 0x9F;
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                if (c == 0xF0) {
                    lo = 0x90;
                } else if (c == 0xF4) {
                    hi = 0x8F;
                }
            } else {
                return i;
            }
            if (i + need >= to) {
                return i;
            }
            int second = b[i + 1] & 0xFF;
            if (second < lo || second > hi) {
                return i;
            }
            for (int k = 2; k <= need; k++) {
                int next = b[i + k] & 0xFF;
                if (next < 0x80 || next > 0xBF) {
                    return i;
                }
            }
            i += need + 1;
        }
        return -1;
    }

    /** Where decoding failed, so the client can find the byte; 0-based within the line. */
    private int firstInvalidByte(int start, int end) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
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
