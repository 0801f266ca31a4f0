package io.ordersvc.platform.web.idempotency;

import io.ordersvc.platform.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on every POST, as API.md says: per caller (the token's subject), compared by a hash of
 * method, path and body, the first response replayed for the retention period. The key is claimed in the database
 * before the command runs, so a concurrent duplicate (on this instance or another) waits for the first response
 * instead of running the command again; past the wait it gets 409 IDEMPOTENCY_KEY_IN_FLIGHT. Server failures (5xx)
 * and lost concurrency races are not kept: the client's retry runs again.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,64}");

    private final IdempotencyStore store;
    private final ProblemWriter problems;
    private final Clock clock;
    private final IdempotencySettings settings;

    public IdempotencyFilter(IdempotencyStore store, ProblemWriter problems, Clock clock,
                             IdempotencySettings settings) {
        this.store = store;
        this.problems = problems;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> caller = caller();
        if (caller.isEmpty()) {
            chain.doFilter(request, response); // unauthenticated: security answers it, nothing to remember
            return;
        }
        String key = request.getHeader(HEADER);
        if (!KEY.matcher(key).matches()) {
            problems.write(request, response, HttpStatus.BAD_REQUEST, "INVALID_IDEMPOTENCY_KEY",
                    "Idempotency-Key must be 1 to 64 visible ASCII characters");
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String hash = hash(request, body);
        Instant now = clock.instant();
        boolean owner;
        try {
            owner = store.claim(caller.get(), key, hash, now, settings.retention())
                    || store.takeOver(caller.get(), key, hash, now, settings.retention(),
                    now.minus(settings.abandonAfter()));
            if (!owner) {
                answerFromFirst(request, response, caller.get(), key, hash);
                return;
            }
        } catch (DataAccessException e) {
            log.warn("idempotency store unavailable: {}", e.toString());
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                    "The service cannot reach its database; retry later");
            return;
        }
        execute(new CachedBodyRequest(request, body), response, chain, caller.get(), key);
    }

    private void execute(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String caller,
                         String key) throws IOException, ServletException {
        var capture = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(request, capture);
            byte[] body = capture.getContentAsByteArray();
            if (worthKeeping(capture.getStatus(), request.getAttribute(ProblemWriter.CODE_ATTRIBUTE))) {
                try {
                    store.complete(caller, key, capture.getStatus(), capture.getContentType(),
                            capture.getHeader("Location"), body);
                    kept = true;
                } catch (DataAccessException e) {
                    // The command ran, its answer is on its way; a retry will find the key in flight and, once the
                    // claim is abandoned, run again, where the domain's own rules (same transaction_no, status
                    // guards) answer it.
                    log.warn("could not store the response for idempotency key {}: {}", key, e.toString());
                }
            }
        } finally {
            if (!kept) {
                try {
                    store.release(caller, key);
                } catch (RuntimeException e) {
                    log.warn("could not release idempotency key {} of {}: {}", key, caller, e.toString());
                }
            }
            capture.copyBodyToResponse();
        }
    }

    private void answerFromFirst(HttpServletRequest request, HttpServletResponse response, String caller, String key,
                                 String hash) throws IOException {
        long deadline = System.nanoTime() + settings.waitForFirst().toNanos();
        while (true) {
            Optional<IdempotencyStore.Entry> entry = store.find(caller, key);
            if (entry.isPresent() && !entry.get().requestHash().equals(hash)) {
                problems.write(request, response, HttpStatus.UNPROCESSABLE_CONTENT, "IDEMPOTENCY_KEY_REUSED",
                        "This Idempotency-Key was used for a different request");
                return;
            }
            if (entry.isPresent() && entry.get().state() == IdempotencyStore.State.DONE) {
                replay(entry.get(), response);
                return;
            }
            if (entry.isEmpty() || System.nanoTime() > deadline) {
                // Gone: the first request failed and freed the key; the client may simply retry.
                problems.write(request, response, HttpStatus.CONFLICT, "IDEMPOTENCY_KEY_IN_FLIGHT",
                        "A request with this Idempotency-Key is still being processed; retry shortly");
                return;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void replay(IdempotencyStore.Entry entry, HttpServletResponse response) throws IOException {
        response.setStatus(entry.status());
        if (entry.contentType() != null) {
            response.setContentType(entry.contentType());
        }
        if (entry.location() != null) {
            response.setHeader("Location", entry.location());
        }
        response.setHeader(REPLAYED, "true");
        byte[] body = entry.body() == null ? new byte[0] : entry.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * Server failures and lost races say nothing about the request itself: a retry must run it again. Which problem
     * was answered is the code the problem writer recorded on the request, not a search of the body.
     */
    static boolean worthKeeping(int status, Object problemCode) {
        return status < 500 && !ProblemWriter.CONCURRENT_MODIFICATION.equals(problemCode);
    }

    private static Optional<String> caller() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth instanceof JwtAuthenticationToken jwt ? Optional.of(jwt.getName()) : Optional.empty();
    }

    private static String hash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
            sha.update((request.getMethod() + " " + request.getRequestURI() + query + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body was read to hash it; the controller reads it again from here. */
    static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
