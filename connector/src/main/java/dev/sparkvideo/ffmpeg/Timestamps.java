package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import org.bytedeco.ffmpeg.avutil.AVRational;

/** Time base arithmetic on plain numbers, so no native struct is touched per frame. */
final class Timestamps {
  static final long NONE = AV_NOPTS_VALUE;

  private final int num;
  private final int den;

  Timestamps(AVRational timeBase) {
    this(timeBase.num(), timeBase.den());
  }

  Timestamps(int num, int den) {
    this.num = num > 0 ? num : 1;
    this.den = den > 0 ? den : 1;
  }

  /** A packet's presentation time, or its decoding time when it has none (either may be {@link #NONE}). */
  static long packetTime(org.bytedeco.ffmpeg.avcodec.AVPacket packet) {
    return packet.pts() != NONE ? packet.pts() : packet.dts();
  }

  double seconds(long ts) {
    return ts * (double) num / den;
  }

  /** The smallest timestamp whose time in seconds is at or after {@code seconds}, as {@code seconds(ts)} computes it. */
  long ceilTs(double seconds) {
    double exact = Math.ceil(seconds * den / num);
    if (exact >= 0x1p62) {
      return Long.MAX_VALUE;
    }
    if (exact <= -0x1p62) {
      return Long.MIN_VALUE + 1;
    }
    long ts = (long) exact;
    while (seconds(ts - 1) >= seconds) {
      ts--;
    }
    while (seconds(ts) < seconds) {
      ts++;
    }
    return ts;
  }

  @Override
  public String toString() {
    return num + "/" + den;
  }
}
