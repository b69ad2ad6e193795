package dev.pulse.surveys.response;

import dev.pulse.surveys.SurveyTexts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Reads the form of a public survey submission itself, before Spring Security, so that hostile
 * forms get a page that says what is wrong instead of the servlet container's bare error: a body
 * over {@code pulse.surveys.max-form-bytes} is a 413 page, more than {@value #MAX_FIELDS} fields are cut
 * and flagged (the controller shows it), malformed encoding is a 400 page. It runs after
 * {@link PublicBodyBudgetFilter}, which has counted the body against the budget of all public bodies.
 */
final class PublicFormFilter extends OncePerRequestFilter {

    /** A survey has at most 100 questions of 50 options. */
    static final int MAX_FIELDS = 6000;

    static final String TOO_MANY_FIELDS = PublicFormFilter.class.getName() + ".tooManyFields";
    private static final Set<String> ALWAYS_KEPT = Set.of("_csrf", "v", "lang");

    private final int maxBodyBytes;

    PublicFormFilter(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !request.getRequestURI().startsWith(request.getContextPath() + "/s/")
                || !form(request.getContentType());
    }

    /** Whether the container would parse this body as a form: the type before any ';', trimmed, in any case. */
    static boolean form(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return "application/x-www-form-urlencoded".equalsIgnoreCase(type);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            refuse(request, response, 413, "page.tooLarge");
            return;
        }
        byte[] body = request.getInputStream().readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            refuse(request, response, 413, "page.tooLarge");
            return;
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        boolean cut;
        try {
            parse(request.getQueryString(), fields);
            cut = parse(new String(body, StandardCharsets.ISO_8859_1), fields);
        } catch (IllegalArgumentException e) {
            refuse(request, response, 400, "page.badForm");
            return;
        }
        if (cut) {
            request.setAttribute(TOO_MANY_FIELDS, Boolean.TRUE);
        }
        Map<String, String[]> parameters = new LinkedHashMap<>();
        fields.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
        chain.doFilter(new FormRequest(request, Collections.unmodifiableMap(parameters)), response);
    }

    /** Adds the fields of {@code encoded}; true when some were dropped over {@link #MAX_FIELDS}. */
    private static boolean parse(String encoded, Map<String, List<String>> fields) {
        if (encoded == null || encoded.isEmpty()) {
            return false;
        }
        boolean cut = false;
        int count = fields.values().stream().mapToInt(List::size).sum();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (count >= MAX_FIELDS && !ALWAYS_KEPT.contains(name)) {
                cut = true;
                continue;
            }
            fields.computeIfAbsent(name, n -> new ArrayList<>()).add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            count++;
        }
        return cut;
    }

    private static String decode(String text) {
        // the body is ASCII on the wire; the percent-escapes hold UTF-8
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Answers with a short page in the respondent's language: {@code key} is the headline, {@code key + "Detail"} the text. */
    static void refuse(
            HttpServletRequest request, HttpServletResponse response, int status, String key, Object... detailArgs)
            throws IOException {
        // not request.getParameter: that would make the container parse the very body refused here
        Map<String, List<String>> query = new LinkedHashMap<>();
        try {
            parse(request.getQueryString(), query);
        } catch (IllegalArgumentException e) {
            query.clear();
        }
        String lang = ResponsePageController.language(
                request, query.getOrDefault("lang", List.of("")).getFirst());
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        String headline = HtmlUtils.htmlEscape(SurveyTexts.format(lang, key));
        String detail = HtmlUtils.htmlEscape(SurveyTexts.format(lang, key + "Detail", detailArgs));
        response.getWriter().write("""
                <!DOCTYPE html><html lang="%s"><head><meta charset="UTF-8">
                <meta name="viewport" content="width=device-width, initial-scale=1"><title>Pulse</title></head>
                <body><main><h1>%s</h1><p>%s</p></main></body></html>
                """.formatted("zh".equals(lang) ? "zh-CN" : "en", headline, detail));
    }

    /** The request with the parameters read here. */
    private static final class FormRequest extends HttpServletRequestWrapper {

        private final Map<String, String[]> parameters;

        FormRequest(HttpServletRequest request, Map<String, String[]> parameters) {
            super(request);
            this.parameters = parameters;
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values.clone();
        }
    }
}
