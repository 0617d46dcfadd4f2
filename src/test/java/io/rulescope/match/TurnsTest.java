package io.rulescope.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TurnsTest {

    @Test
    void workBeyondTheTurnsWaitsAndIsToldTheServerIsBusyAfterTheWait() throws Exception {
        Turns turns = new Turns(1, Duration.ofMillis(100));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = pool.submit(() -> turns.run(() -> {
                holding.countDown();
                await(release);
                return "first";
            }));
            assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> turns.run(() -> "second")).isInstanceOf(EventRejectedException.class)
                    .hasMessageContaining("busy").satisfies(e -> assertThat(((EventRejectedException) e).status()).isEqualTo(503));
            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(turns.run(() -> "third")).as("the turn is given back").isEqualTo("third");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void asManyAsTheTurnsRunAtOnceNeverMoreAndATurnIsGivenBackWhenWorkFails() throws Exception {
        Turns turns = new Turns(2, Duration.ofSeconds(10));
        List<Integer> running = new CopyOnWriteArrayList<>();
        int[] most = {0};
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int n = i;
                all.add(pool.submit(() -> turns.run(() -> {
                    running.add(n);
                    synchronized (most) {
                        most[0] = Math.max(most[0], running.size());
                    }
                    sleep(5);
                    running.remove(Integer.valueOf(n));
                    return n;
                })));
            }
            for (Future<Integer> f : all) {
                f.get(10, TimeUnit.SECONDS);
            }
            assertThat(most[0]).isEqualTo(2);
            Turns one = new Turns(1, Duration.ofMillis(50));
            assertThatThrownBy(() -> one.run(() -> {
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(one.run(() -> "after")).as("the only turn is back after the failure").isEqualTo("after");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
