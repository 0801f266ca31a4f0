package io.ordersvc.platform.web;

import io.ordersvc.shared.error.DomainException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.BindException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.lang.reflect.UndeclaredThrowableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * Every failure becomes API.md's problem+json with a stable {@code code}. Axon's wrappers are unwrapped here, once.
 * Anything unforeseen is a 500 and logged: a client input that reaches that branch is a bug to fix here.
 */
@RestControllerAdvice
public class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");
    private static final MediaType PROBLEM = MediaType.parseMediaType(ProblemWriter.MEDIA_TYPE);

    @ExceptionHandler(BindException.class)
    ResponseEntity<ProblemDetail> invalid(BindException ex, HttpServletRequest request) {
        List<ProblemWriter.FieldProblem> errors = ex.getFieldErrors().stream()
                .map(e -> new ProblemWriter.FieldProblem(snake(e.getField()), e.getDefaultMessage()))
                .toList();
        List<ProblemWriter.FieldProblem> global = ex.getGlobalErrors().stream()
                .map(e -> new ProblemWriter.FieldProblem(e.getObjectName(), e.getDefaultMessage()))
                .toList();
        var all = new java.util.ArrayList<>(errors);
        all.addAll(global);
        return respond(request, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request is not valid", all);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException ex,
                                                          HttpServletRequest request) {
        List<ProblemWriter.FieldProblem> errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(e -> new ProblemWriter.FieldProblem(
                        snake(r.getMethodParameter().getParameterName()), e.getDefaultMessage())))
                .toList();
        return respond(request, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request is not valid", errors);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> violations(ConstraintViolationException ex, HttpServletRequest request) {
        List<ProblemWriter.FieldProblem> errors = ex.getConstraintViolations().stream()
                .map(v -> new ProblemWriter.FieldProblem(snake(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return respond(request, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request is not valid", errors);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BodySizeLimitFilter.BodyTooLargeException) {
                return respond(request, HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", t.getMessage(), null);
            }
        }
        BodyProblems.Explained explained = BodyProblems.explain(ex);
        return respond(request, HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", explained.detail(),
                BodyProblems.errors(explained));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
        return respond(request, HttpStatus.BAD_REQUEST, "INVALID_PARAMETER",
                "Parameter '" + snake(ex.getName()) + "' has an invalid value",
                List.of(new ProblemWriter.FieldProblem(snake(ex.getName()), "invalid value")));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> any(Exception thrown, HttpServletRequest request) {
        Throwable ex = unwrap(thrown);
        if (ex instanceof DomainException d) {
            ResponseEntity<ProblemDetail> answer = respond(request, status(d.kind()), d.code(), d.getMessage(), null);
            d.properties().forEach(answer.getBody()::setProperty);
            return answer;
        }
        if (ex instanceof AggregateNotFoundException) {
            return respond(request, HttpStatus.NOT_FOUND, "NOT_FOUND", "No such resource", null);
        }
        if (ex instanceof ConcurrencyException || ex instanceof LockAcquisitionFailedException) {
            return respond(request, HttpStatus.CONFLICT, ProblemWriter.CONCURRENT_MODIFICATION,
                    "Another change to the same resource won; read it again and retry", null);
        }
        if (ex instanceof java.util.concurrent.TimeoutException) {
            return respond(request, HttpStatus.SERVICE_UNAVAILABLE, "TIMEOUT",
                    "The command did not complete in time; read the resource before retrying", null);
        }
        if (ex instanceof ServiceBusy busy) {
            return busy(request, busy.getMessage());
        }
        if (isPoolExhausted(ex)) {
            log.warn("connection pool exhausted: {}", ex.toString());
            return busy(request, "Every database connection stayed busy for the connection timeout; retry shortly");
        }
        if (isDatabaseUnavailable(ex)) {
            log.warn("database unavailable: {}", ex.toString());
            return respond(request, HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                    "The service cannot reach its database; retry later", null);
        }
        if (ex instanceof NoResourceFoundException) {
            return respond(request, HttpStatus.NOT_FOUND, "NOT_FOUND",
                    "There is no endpoint " + request.getMethod() + " " + request.getRequestURI(), null);
        }
        if (ex instanceof ErrorResponse er) {
            HttpStatusCode status = er.getStatusCode();
            String detail = er.getBody().getDetail();
            return ResponseEntity.status(status).headers(er.getHeaders()).contentType(PROBLEM)
                    .body(ProblemWriter.problem(request, status, codeFor(status),
                            detail != null ? detail : "Request refused", null));
        }
        log.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), ex);
        return respond(request, HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                "Something went wrong on our side", null);
    }

    private static ResponseEntity<ProblemDetail> busy(HttpServletRequest request, String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(PROBLEM)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(ProblemWriter.problem(request, HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_BUSY", detail, null));
    }

    static Throwable unwrap(Throwable ex) {
        Throwable current = ex;
        for (int i = 0; i < 10 && current != null; i++) {
            boolean wrapper = current instanceof CompletionException || current instanceof ExecutionException
                    || current instanceof UndeclaredThrowableException
                    || current instanceof CommandExecutionException || current instanceof QueryExecutionException;
            if (!wrapper || current.getCause() == null) {
                return current;
            }
            current = current.getCause();
        }
        return current;
    }

    /**
     * Overload, not an outage: the pool timed out waiting for a free connection while the database answered. When
     * the database is down the pool's timeout carries the connection failure as its cause.
     */
    static boolean isPoolExhausted(Throwable ex) {
        for (Throwable t = ex; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return t.getCause() == null;
            }
        }
        return false;
    }

    static boolean isDatabaseUnavailable(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException || t instanceof QueryTimeoutException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static HttpStatus status(DomainException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    private static String codeFor(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "HTTP_" + status.value() : switch (known) {
            case BAD_REQUEST -> "BAD_REQUEST";
            case NOT_FOUND -> "NOT_FOUND";
            case METHOD_NOT_ALLOWED -> "METHOD_NOT_ALLOWED";
            case NOT_ACCEPTABLE -> "NOT_ACCEPTABLE";
            case UNSUPPORTED_MEDIA_TYPE -> "UNSUPPORTED_MEDIA_TYPE";
            case CONTENT_TOO_LARGE -> "PAYLOAD_TOO_LARGE";
            default -> known.name();
        };
    }

    static String snake(String name) {
        return name == null ? null : CAMEL.matcher(name).replaceAll("$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static ResponseEntity<ProblemDetail> respond(HttpServletRequest request, HttpStatusCode status,
                                                         String code, String detail,
                                                         List<ProblemWriter.FieldProblem> errors) {
        return ResponseEntity.status(status).contentType(PROBLEM)
                .body(ProblemWriter.problem(request, status, code, detail, errors));
    }
}
