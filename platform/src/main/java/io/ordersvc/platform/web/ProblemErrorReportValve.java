package io.ordersvc.platform.web;

import org.apache.catalina.connector.Request;
import org.springframework.http.HttpStatusCode;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Requests Tomcat refuses before Spring sees them (illegal characters in the URL, a malformed request line)
 * would get Tomcat's HTML error page. This valve answers them with problem+json like everything else.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String code = status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        String detail = status >= 500 ? "Something went wrong on our side" : "The request was rejected";
        HttpStatusCode httpStatus = HttpStatusCode.valueOf(status);
        String json = ProblemWriter.writeStandalone(ProblemWriter.problem((String) null, httpStatus, code, detail,
                null));
        try {
            response.setContentType(ProblemWriter.MEDIA_TYPE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // the client is gone; nothing left to tell it
        }
    }
}
