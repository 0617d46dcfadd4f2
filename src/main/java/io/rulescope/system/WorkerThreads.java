package io.rulescope.system;

import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Request threads: four per core unless {@code server.tomcat.threads.max} says otherwise. Every request here is CPU
 * work on an in-memory catalog; with Tomcat's 200 threads, 32 connections on 2 cores time-sliced each other and a
 * matrix page's p99 was 93 ms; with 8 threads the same load queues briefly instead and its p99 was 51 ms at the same
 * throughput (bench/distinct.sh). Broad searches cannot hold the threads: at most half the cores' worth run at once.
 */
@Component
class WorkerThreads implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    static final int PER_CORE = 4;

    private final Environment environment;

    WorkerThreads(Environment environment) {
        this.environment = environment;
    }

    static int threads(int cores) {
        return Math.max(4, PER_CORE * cores);
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (environment.containsProperty("server.tomcat.threads.max")) {
            return;
        }
        int threads = threads(Runtime.getRuntime().availableProcessors());
        // A connector customizer, as Boot's own thread setting is, and added after it: so this one has the last word.
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
                protocol.setMaxThreads(threads);
                protocol.setMinSpareThreads(Math.min(protocol.getMinSpareThreads(), threads));
            }
        });
    }

    /** After Boot's own customizer, which sets the 200-thread default. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
