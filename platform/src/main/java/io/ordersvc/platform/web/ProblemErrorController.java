package io.ordersvc.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;


/**
 * Errors the servlet container handles itself (rejected URLs, failures outside Spring MVC) answer problem+json
 * too, instead of Spring Boot's default error body.
 */
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            // Asked for directly: not an endpoint of the API.
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.parseMediaType(ProblemWriter.MEDIA_TYPE))
                    .body(ProblemWriter.problem(request, HttpStatus.NOT_FOUND, "NOT_FOUND",
                            "There is no endpoint " + request.getMethod() + " " + request.getRequestURI(), null));
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null
                ? HttpStatus.valueOf(i) : HttpStatus.INTERNAL_SERVER_ERROR;
        String problemCode = status == HttpStatus.INTERNAL_SERVER_ERROR ? "INTERNAL_ERROR" : status.name();
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ProblemDetail body = ProblemWriter.problem(uri != null ? uri.toString() : request.getRequestURI(), status,
                problemCode, status.is4xxClientError() ? "The request was rejected" : "Something went wrong on our side",
                null);
        return ResponseEntity.status(status).contentType(MediaType.parseMediaType(ProblemWriter.MEDIA_TYPE))
                .body(body);
    }
}
