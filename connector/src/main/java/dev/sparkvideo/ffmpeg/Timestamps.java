package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Time base arithmetic on plain numbers, so no native struct is touched per frame; and a frame's duration from a
 * stream's frame rates, read once per reader.
 */
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

  /** The earlier of a packet's two times, either of which may be {@link #NONE} (then the other). */
  static long earliest(long a, long b) {
    if (a == NONE) {
      return b;
    }
    return b == NONE ? a : Math.min(a, b);
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

  /** One frame's duration at the stream's frame rate, in its time base, or 0 when the rate is unknown. */
  static long frameDuration(AVStream stream) {
    return duration(stream.avg_frame_rate().num() > 0 ? stream.avg_frame_rate() : stream.r_frame_rate(),
        stream.time_base());
  }

  /**
   * The longer of a frame's durations at the stream's two frame rates (a demuxer may give one that is no frame rate,
   * as raw DV's average of one frame per tick), at least 1.
   */
  static long longestFrameDuration(AVStream stream) {
    return Math.max(1, Math.max(duration(stream.avg_frame_rate(), stream.time_base()),
        duration(stream.r_frame_rate(), stream.time_base())));
  }

  private static long duration(AVRational rate, AVRational tb) {
    if (rate.num() <= 0 || rate.den() <= 0 || tb.num() <= 0 || tb.den() <= 0) {
      return 0;
    }
    return Math.round((double) rate.den() * tb.den() / ((double) rate.num() * tb.num()));
  }
}
