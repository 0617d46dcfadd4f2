package io.rulescope.match;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.stereotype.Service;

import io.rulescope.indicator.EventTables;
import io.rulescope.rule.Rule;

/**
 * What the match page and API share: the limits, reading a pasted event within them, taking turns to match (at most
 * {@link MatchProperties#effectiveConcurrency()} events at once, in arrival order), and the examples.
 */
@Service
public class MatchService {

    private final MatchProperties limits;
    private final EventReader reader;
    private final MatchExamples examples = MatchExamples.load();
    private final Turns turns;

    public MatchService(MatchProperties limits, EventTables tables) {
        this.limits = limits;
        this.reader = new EventReader(limits, tables);
        this.turns = new Turns(limits.effectiveConcurrency(), limits.budget());
    }

    public MatchProperties limits() {
        return limits;
    }

    public EventReader reader() {
        return reader;
    }

    public MatchExamples examples() {
        return examples;
    }

    /** The full answer for one event, once it is this request's turn. */
    public MatchResult match(EventMatcher matcher, LoggedEvent event) {
        return turns.run(() -> matcher.match(event, limits.budget()));
    }

    /** The rules that fire on one event of a batch; each event takes its own turn, so a long batch cannot starve pastes. */
    public List<Rule> fires(EventMatcher matcher, LoggedEvent event) {
        return turns.run(() -> matcher.fires(event));
    }

    /** Reads one event, with the log source the user chose put over what the event says. */
    public LoggedEvent read(String body, String product, String category, String service) {
        LoggedEvent event = reader.read(body);
        return event.withSource(EventSources.override(event.source(), product, category, service));
    }

    /** The longest one event's body may take to arrive: a client sending a byte every few seconds holds a thread. */
    static final long BODY_SECONDS = 30;

    /**
     * Reads at most {@code limit} bytes within {@link #BODY_SECONDS}; more, or slower, is refused with the reason,
     * before anything is parsed.
     */
    public static String readBounded(InputStream in, long limit) throws IOException {
        byte[] body = readAtMost(in, limit + 1);
        if (body.length > limit) {
            throw new EventRejectedException(413, "the body is larger than " + limit + " bytes");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The first {@code max} bytes of a body (fewer if it ends sooner), read within {@link #BODY_SECONDS}; the rest is
     * left unread.
     */
    public static byte[] readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(BODY_SECONDS);
        int n;
        while (total < max && (n = in.read(buffer, 0, (int) Math.min(buffer.length, max - total))) > 0) {
            if (System.nanoTime() > deadline) {
                throw new EventRejectedException(408, "the body took longer than " + BODY_SECONDS + " s to arrive");
            }
            total += n;
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

}
