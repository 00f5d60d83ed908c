package dev.sparkvideo.fuzz;

import java.util.Arrays;
import java.util.Random;

/** Derives a damaged file from a valid one: truncations, byte flips, zeroed ranges, swapped ranges, absurd values. */
final class Mutator {
  private Mutator() {}

  private static String kind(Random r) {
    return new String[] {"truncate", "flip", "zero", "swap", "absurd"}[r.nextInt(5)];
  }

  static byte[] mutate(byte[] input, long seed) {
    Random r = new Random(seed);
    String kind = kind(r);
    byte[] out = Arrays.copyOf(input, input.length);
    int n = out.length;
    switch (kind) {
      case "truncate":
        return Arrays.copyOf(out, r.nextInt(Math.max(1, n)));
      case "flip":
        for (int i = 0, k = 1 + r.nextInt(20); i < k; i++) {
          out[position(r, n)] ^= (byte) (1 << r.nextInt(8));
        }
        return out;
      case "zero": {
        int from = position(r, n);
        int len = Math.min(n - from, 1 + r.nextInt(4096));
        Arrays.fill(out, from, from + len, (byte) 0);
        return out;
      }
      case "swap": {
        int len = 1 + r.nextInt(Math.max(1, Math.min(2048, n / 4)));
        int a = r.nextInt(Math.max(1, n - len));
        int b = r.nextInt(Math.max(1, n - len));
        byte[] tmp = Arrays.copyOfRange(out, a, a + len);
        System.arraycopy(out, b, out, a, len);
        System.arraycopy(tmp, 0, out, b, len);
        return out;
      }
      default: {
        // Absurd header values: big-endian 32-bit fields near box headers set to extremes.
        for (int i = 0, k = 1 + r.nextInt(6); i < k; i++) {
          int at = Math.min(n - 4, Math.max(0, r.nextBoolean() ? r.nextInt(Math.min(n, 4096)) : position(r, n)));
          int value = new int[] {0xFFFFFFFF, 0x7FFFFFFF, 0, 0x80000000, 1}[r.nextInt(5)];
          out[at] = (byte) (value >>> 24);
          out[at + 1] = (byte) (value >>> 16);
          out[at + 2] = (byte) (value >>> 8);
          out[at + 3] = (byte) value;
        }
        return out;
      }
    }
  }

  /** Positions near the start (headers) are chosen as often as the rest of the file. */
  private static int position(Random r, int n) {
    return r.nextBoolean() ? r.nextInt(Math.max(1, Math.min(n, 2048))) : r.nextInt(Math.max(1, n));
  }
}
