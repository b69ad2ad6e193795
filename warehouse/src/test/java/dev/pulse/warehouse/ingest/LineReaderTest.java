package dev.pulse.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Lines handed out as bytes are checked as strictly as the JDK's decoder checks them. */
class LineReaderTest {

    @Test
    void theByteCheckAgreesWithTheStrictDecoderOnWhereTheFirstIllFormedSequenceStarts() {
        SplittableRandom random = new SplittableRandom(42);
        byte[] interesting = {
            0x41,
            (byte) 0x80,
            (byte) 0xBF,
            (byte) 0xC0,
            (byte) 0xC2,
            (byte) 0xDF,
            (byte) 0xE0,
            (byte) 0xE4,
            (byte) 0xED,
            (byte) 0xEF,
            (byte) 0xF0,
            (byte) 0xF4,
            (byte) 0xF5,
            (byte) 0x9F,
            (byte) 0xA0,
            (byte) 0x8F,
            (byte) 0x90,
            (byte) 0xB8,
            (byte) 0xFF
        };
        for (int n = 0; n < 200_000; n++) {
            byte[] bytes = new byte[1 + random.nextInt(6)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = interesting[random.nextInt(interesting.length)];
            }
            assertThat(LineReader.firstIllFormed(bytes, 0, bytes.length))
                    .as(java.util.HexFormat.of().formatHex(bytes))
                    .isEqualTo(jdkFirstMalformed(bytes));
        }
    }

    @Test
    void chineseTextAndFourByteCharactersAreWellFormed() {
        byte[] bytes = "华东 😀 ü".getBytes(StandardCharsets.UTF_8);
        assertThat(LineReader.firstIllFormed(bytes, 0, bytes.length)).isEqualTo(-1);
    }

    @Test
    void linesAsBytesKeepTheirNumbersAndLoseTheirLineEnds() {
        byte[] body = "\uFEFF{\"a\":1}\r\n\n  \n{\"b\":\"华\"}".getBytes(StandardCharsets.UTF_8);
        LineReader reader = new LineReader(new ByteArrayInputStream(body), 1_000, true);

        Line first = reader.next();
        assertThat(new String(first.bytes(), first.offset(), first.length(), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":1}");
        assertThat(reader.next().blank()).isTrue();
        assertThat(reader.next().blank()).isTrue();
        Line fourth = reader.next();
        assertThat(fourth.number()).isEqualTo(4);
        assertThat(new String(fourth.bytes(), fourth.offset(), fourth.length(), StandardCharsets.UTF_8))
                .isEqualTo("{\"b\":\"华\"}");
        assertThat(reader.next()).isNull();
    }

    @Test
    void aLineOfIdeographicSpacesIsBlankAsAStringWouldBe() {
        byte[] body = "\u3000\u3000\n".getBytes(StandardCharsets.UTF_8);
        assertThat(new LineReader(new ByteArrayInputStream(body), 100, true)
                        .next()
                        .blank())
                .isTrue();
    }

    private static int jdkFirstMalformed(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(bytes.length * 2), true);
        return result.isError() ? in.position() : -1;
    }
}
