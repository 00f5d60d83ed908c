package dev.sparkvideo.ffmpeg;

/**
 * Reads bits, most significant first, and H.264/H.265 Exp-Golomb codes from a NAL unit's payload, with the
 * emulation prevention bytes ({@code 00 00 03}) removed. Reading past the end throws {@link IllegalStateException}.
 */
final class BitReader {
  private final byte[] data;
  private final int lengthBits;
  private int position;

  private BitReader(byte[] data, int length) {
    this.data = data;
    this.lengthBits = length * 8;
  }

  /** A reader of the raw byte sequence payload of the NAL unit in {@code nal[offset, offset + length)}. */
  static BitReader ofNalUnit(byte[] nal, int offset, int length) {
    byte[] rbsp = new byte[length];
    int n = 0;
    int zeros = 0;
    for (int i = offset; i < offset + length; i++) {
      int b = nal[i] & 0xff;
      if (zeros >= 2 && b == 3) {
        zeros = 0;
        continue;
      }
      zeros = b == 0 ? zeros + 1 : 0;
      rbsp[n++] = (byte) b;
    }
    return new BitReader(rbsp, n);
  }

  int bits(int count) {
    int value = 0;
    for (int i = 0; i < count; i++) {
      value = (value << 1) | bit();
    }
    return value;
  }

  int bit() {
    if (position >= lengthBits) {
      throw new IllegalStateException("read past the end of the parameter set");
    }
    int b = (data[position >> 3] >> (7 - (position & 7))) & 1;
    position++;
    return b;
  }

  boolean flag() {
    return bit() == 1;
  }

  /** An unsigned Exp-Golomb code, {@code ue(v)}. */
  long unsignedGolomb() {
    int leadingZeros = 0;
    while (bit() == 0) {
      if (++leadingZeros > 32) {
        throw new IllegalStateException("Exp-Golomb code longer than 32 bits");
      }
    }
    long suffix = 0;
    for (int i = 0; i < leadingZeros; i++) {
      suffix = (suffix << 1) | bit();
    }
    return (1L << leadingZeros) - 1 + suffix;
  }

  /** A signed Exp-Golomb code, {@code se(v)}. */
  long signedGolomb() {
    long k = unsignedGolomb();
    return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
  }
}
