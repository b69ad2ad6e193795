package dev.pulse.surveys.response;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts every body sent to the public survey pages against the {@link PublicBodyBudget} before
 * anything reads it; the first filter of those pages. A declared length over
 * {@code pulse.surveys.max-form-bytes} is a 413 page, unread; a declared length that does not fit in
 * what is left of the budget is a 429 page with {@code Retry-After}, and the body is then read and
 * dropped (never kept) so that the client gets the answer on an open connection. A chunked body is
 * counted as it is read, and refused the same way at the first byte that crosses either bound.
 */
final class PublicBodyBudgetFilter extends OncePerRequestFilter {

    /** Seconds a refused client is asked to wait: bodies in flight are read in well under that. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final PublicBodyBudget budget;
    private final long maxBytes;

    PublicBodyBudgetFilter(PublicBodyBudget budget, long maxBytes) {
        this.budget = budget;
        this.maxBytes = maxBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getContentLengthLong() == 0
                || request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            response.setHeader("Connection", "close");
            PublicFormFilter.refuse(request, response, 413, "page.tooLarge");
            return;
        }
        if (declared > 0) {
            if (!budget.tryReserve(declared)) {
                busy(request, response);
                request.getInputStream().transferTo(OutputStream.nullOutputStream());
                return;
            }
            try {
                chain.doFilter(request, response);
            } finally {
                budget.release(declared);
            }
            return;
        }
        CountedBody counted = new CountedBody(request);
        try {
            chain.doFilter(counted, response);
        } catch (BodyRefused e) {
            if (response.isCommitted()) {
                throw e;
            }
            response.resetBuffer();
            if (e.status == 413) {
                response.setHeader("Connection", "close");
                PublicFormFilter.refuse(request, response, 413, "page.tooLarge");
            } else {
                busy(request, response);
            }
        } finally {
            budget.release(counted.reserved);
        }
    }

    private static void busy(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        PublicFormFilter.refuse(request, response, 429, "page.rateLimited", RETRY_AFTER_SECONDS);
        response.flushBuffer();
    }

    /** A chunked body crossed a bound while it was read; {@code status} says which. */
    private static final class BodyRefused extends IOException {

        private final int status;

        BodyRefused(int status) {
            super(
                    status == 413
                            ? "the body is larger than pulse.surveys.max-form-bytes"
                            : "the body does not fit in pulse.surveys.public-body-budget");
            this.status = status;
        }
    }

    /** The request whose body is counted against the budget, chunk by chunk, as it is read. */
    private final class CountedBody extends HttpServletRequestWrapper {

        private long reserved;
        private ServletInputStream stream;

        CountedBody(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        private void count(int bytes) throws BodyRefused {
            if (reserved + bytes > maxBytes) {
                throw new BodyRefused(413);
            }
            if (!budget.tryReserve(bytes)) {
                throw new BodyRefused(429);
            }
            reserved += bytes;
        }
    }
}
