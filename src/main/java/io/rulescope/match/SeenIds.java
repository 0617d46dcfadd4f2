package io.rulescope.match;

import java.util.Arrays;

/**
 * The literal ids one scan has reported: a small open-addressed set, since a scan reports a handful of ids out of
 * tens of thousands (a bit set per field would be kilobytes per event). Not shared between threads.
 */
final class SeenIds {

    /** Ids plus one; 0 marks a free slot. */
    private int[] slots = new int[32];
    private int size;

    /** False when the id was already there. */
    boolean add(int id) {
        if (size * 2 >= slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int at = (id * 0x9E3779B9) >>> 16 & mask;
        while (slots[at] != 0) {
            if (slots[at] == id + 1) {
                return false;
            }
            at = (at + 1) & mask;
        }
        slots[at] = id + 1;
        size++;
        return true;
    }

    void clear() {
        if (size > 0) {
            Arrays.fill(slots, 0);
            size = 0;
        }
    }

    private void grow() {
        int[] old = slots;
        slots = new int[old.length * 2];
        size = 0;
        for (int slot : old) {
            if (slot != 0) {
                add(slot - 1);
            }
        }
    }
}
