package io.rulescope.match;

/**
 * An expression's truth and how many of the predicates it needs matched out of how many, packed in one long so that
 * weighing a hundred near misses per event allocates nothing: bit 62 the truth, bits 31-61 matched, bits 0-30 total.
 */
final class Tally {

    /** No tally yet: {@link #of} never sets the sign bit. */
    static final long NONE = -1L;

    private static final int SHIFT = 31;
    private static final long COUNT = (1L << SHIFT) - 1;

    private Tally() {
    }

    static long of(boolean value, int matched, int total) {
        return (value ? 1L << 62 : 0) | ((long) matched & COUNT) << SHIFT | (total & COUNT);
    }

    static boolean value(long tally) {
        return (tally & 1L << 62) != 0;
    }

    static int matched(long tally) {
        return (int) (tally >>> SHIFT & COUNT);
    }

    static int total(long tally) {
        return (int) (tally & COUNT);
    }

    static double ratio(long tally) {
        int total = total(tally);
        return total == 0 ? (value(tally) ? 1 : 0) : (double) matched(tally) / total;
    }

    /** Better when true, then by the share of needed predicates that matched, then by how many. */
    static boolean better(long a, long b) {
        if (value(a) != value(b)) {
            return value(a);
        }
        int c = Double.compare(ratio(a), ratio(b));
        return c != 0 ? c > 0 : matched(a) > matched(b);
    }
}
