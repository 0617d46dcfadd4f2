package io.rulescope.system;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The pages Tomcat writes itself, for requests it turns away before the application sees them (a malformed request
 * line, a bad escape in the path, headers too large): with the same security headers as every other answer and a
 * short page of our own instead of Tomcat's report, whose inline style the policy would block.
 */
@Component
class ContainerErrorPages implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // Boot adds its own report valve from a context customizer: this one runs after it and takes its place. The
        // host is told the class too, or on start it would add Tomcat's full report (stack trace, version) beside it.
        factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            Pipeline pipeline = host.getPipeline();
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    pipeline.removeValve(valve);
                }
            }
            pipeline.addValve(new HeadedErrorReport());
            host.setErrorReportValveClass(HeadedErrorReport.class.getName());
        });
    }

    /** After Boot's customizer, whose report valve this one replaces. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Public, as the host may create it by name. */
    public static final class HeadedErrorReport extends ErrorReportValve {

        public HeadedErrorReport() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            String title = status + (known == null ? "" : " " + known.getReasonPhrase());
            try {
                response.resetBuffer();
                SecurityHeadersFilter.apply(response);
                response.setContentType("text/html;charset=UTF-8");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer out = response.getReporter();
                if (out != null) {
                    out.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                            + " - Rulescope</title></head><body><h1>" + title + "</h1><p>The server could not read this "
                            + "request. <a href=\"/\">Rulescope home</a></p></body></html>");
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client has gone or the answer is already on its way: nothing more to send
            }
        }
    }
}
