package io.rulescope.ingest.setup;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Every thread ingest runs on, made in one place and stopped in one place: the ingest worker (one run at a time, so
 * refreshes queue), the history reader, the timer that asks for scheduled refreshes, and one pool for the parallel
 * steps (scan, read, hash, parse, analyse, index) sized by {@code rulescope.ingest.threads}. Spring closes it with the
 * context; code that builds an ingest by hand (tests, benchmarks) closes it when done.
 */
public final class IngestThreads implements AutoCloseable {

    private final ThreadPoolTaskExecutor worker = single("ingest");
    private final ThreadPoolTaskExecutor history = single("history");
    private final ThreadPoolTaskScheduler timer = new ThreadPoolTaskScheduler();
    private final ForkJoinPool parallel;

    public IngestThreads(int parallelism) {
        timer.setThreadNamePrefix("refresh-timer-");
        timer.setDaemon(true);
        timer.initialize();
        parallel = new ForkJoinPool(Math.max(1, parallelism), pool -> {
            java.util.concurrent.ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName("ingest-parallel-" + thread.getPoolIndex());
            thread.setDaemon(true);
            return thread;
        }, null, false);
    }

    private static ThreadPoolTaskExecutor single(String name) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setThreadNamePrefix(name + "-");
        executor.setDaemon(true);
        // A run under way is abandoned at shutdown, as before: its catalog would never serve.
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.initialize();
        return executor;
    }

    /** Queues work for the ingest worker, which runs one ingest at a time. */
    public Future<?> ingest(Runnable work) {
        return worker.submit(work);
    }

    /** Queues work for the history reader, which reads one source's history at a time. */
    public <T> Future<T> history(Callable<T> work) {
        return history.submit(work);
    }

    /** Runs {@code task} every {@code interval}, the first time one interval from now. */
    public ScheduledFuture<?> every(Duration interval, Runnable task) {
        return timer.scheduleWithFixedDelay(task, Instant.now().plus(interval), interval);
    }

    /** Runs work whose parallel streams should use ingest's threads, not the JVM's common pool. */
    public <R> R inParallel(Callable<R> work) {
        return parallel.submit(work).join();
    }

    @Override
    public void close() {
        timer.shutdown();
        worker.shutdown();
        history.shutdown();
        parallel.shutdownNow();
    }
}
