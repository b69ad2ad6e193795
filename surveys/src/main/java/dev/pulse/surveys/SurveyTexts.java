package dev.pulse.surveys;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The fixed texts of the respondent's pages and mails, in {@code zh} and {@code en}, from
 * {@code surveys/texts_<lang>.properties}. Kept out of the application's message source so that
 * no other module's messages can shadow them.
 */
public final class SurveyTexts {

    /** The languages respondents can choose; the first is the default. */
    public static final List<String> LANGUAGES = List.of("zh", "en");

    private static final Map<String, Map<String, String>> TEXTS =
            LANGUAGES.stream().collect(Collectors.toUnmodifiableMap(l -> l, SurveyTexts::load));

    private SurveyTexts() {}

    /** Every text of {@code language} by key; zh when the language is not supported. */
    public static Map<String, String> all(String language) {
        return TEXTS.get(supported(language));
    }

    /** One text with its {0}-style arguments filled in. */
    public static String format(String language, String key, Object... args) {
        String pattern = all(language).get(key);
        if (pattern == null) {
            throw new IllegalArgumentException("no text " + key);
        }
        return args.length == 0
                ? pattern
                : new MessageFormat(pattern, Locale.forLanguageTag(supported(language))).format(args);
    }

    /** {@code language} if supported, else the default. */
    public static String supported(String language) {
        return LANGUAGES.contains(language) ? language : LANGUAGES.getFirst();
    }

    private static Map<String, String> load(String language) {
        String path = "surveys/texts_" + language + ".properties";
        try (InputStream in = SurveyTexts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties.stringPropertyNames().stream()
                    .collect(Collectors.toUnmodifiableMap(k -> k, properties::getProperty));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
