package dev.pulse.warehouse.themes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Finds the themes of a free-text comment: text with Chinese characters is segmented by Lucene's
 * smartcn analyzer (with a few Chinese function words as stop words), other text by the English analyzer (standard tokenizer, lower case, stop words,
 * Porter stemming); the tokens are matched against the curated terms of {@code themes/themes.txt},
 * analysed the same way. Thread-safe (Lucene analyzers reuse their token streams per thread).
 */
public final class ThemeAnalyzer implements AutoCloseable {

    /** The resource holding the curated themes. */
    public static final String RESOURCE = "themes/themes.txt";

    /** Function words that carry no theme, on top of smartcn's own (punctuation) stop set; negations stay. */
    private static final List<String> CHINESE_STOP_WORDS = List.of(
            "的", "了", "很", "也", "都", "就", "是", "在", "和", "与", "我", "我们", "你", "你们", "他", "她", "它", "他们", "这", "那", "这个",
            "那个", "吧", "呢", "啊", "吗", "着", "又", "把", "被", "给");

    private final Analyzer chinese = new SmartChineseAnalyzer(chineseStopWords());
    private final Analyzer english = new EnglishAnalyzer();
    /** theme → its terms as token sequences, once per analyzer. */
    private final Map<String, List<List<String>>> chineseTerms = new LinkedHashMap<>();

    private final Map<String, List<List<String>>> englishTerms = new LinkedHashMap<>();

    /** Loads the shipped themes. */
    public ThemeAnalyzer() {
        this(ThemeAnalyzer.class.getClassLoader().getResourceAsStream(RESOURCE));
    }

    ThemeAnalyzer(InputStream themes) {
        if (themes == null) {
            throw new IllegalStateException(RESOURCE + " is not on the class path");
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(themes, StandardCharsets.UTF_8))) {
            int lineNumber = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNumber++;
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalStateException(
                            RESOURCE + " line " + lineNumber + ": expected 'theme: term term ...'");
                }
                String theme = line.substring(0, colon).strip();
                for (String term : line.substring(colon + 1).strip().split("\\s+")) {
                    add(chineseTerms, theme, tokens(chinese, term));
                    add(englishTerms, theme, tokens(english, term));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every theme of the curated list, in file order. */
    public List<String> themes() {
        return List.copyOf(chineseTerms.keySet());
    }

    /**
     * The themes a comment touches, in the order of the curated list; empty for null or blank text.
     *
     * @param text any comment, may be null
     */
    public List<String> themesOf(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        boolean han = text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
        List<String> tokens = tokens(han ? chinese : english, text);
        Map<String, List<List<String>>> terms = han ? chineseTerms : englishTerms;
        Set<String> found = new LinkedHashSet<>();
        terms.forEach((theme, sequences) -> {
            if (sequences.stream().anyMatch(s -> Collections.indexOfSubList(tokens, s) >= 0)) {
                found.add(theme);
            }
        });
        return List.copyOf(found);
    }

    /** The tokens of {@code text} after the analyzer (public for tests and explanations). */
    public List<String> tokens(String text, boolean han) {
        return tokens(han ? chinese : english, text);
    }

    private static CharArraySet chineseStopWords() {
        CharArraySet set = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), false);
        set.addAll(CHINESE_STOP_WORDS);
        return set;
    }

    private static void add(Map<String, List<List<String>>> terms, String theme, List<String> tokens) {
        List<List<String>> list = terms.computeIfAbsent(theme, t -> new ArrayList<>());
        if (!tokens.isEmpty()) {
            list.add(tokens);
        }
    }

    private static List<String> tokens(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public void close() {
        chinese.close();
        english.close();
    }
}
