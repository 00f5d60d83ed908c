package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_DISCARD;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;

import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;

/**
 * Exact mode's index: every frame's pts for every stream, from one pass over all packets without decoding.
 * Packets that the demuxer marks to be discarded (outside an edit list) are not frames and are left out.
 */
final class ContentIndex {
  private final long[][] sortedPts;
  private final long[] endPts;

  private ContentIndex(long[][] sortedPts, long[] endPts) {
    this.sortedPts = sortedPts;
    this.endPts = endPts;
  }

  /** Reads every packet from the demuxer's current position to the end. */
  static ContentIndex scan(AVFormatContext fmt, Demuxer demuxer) {
    int n = fmt.nb_streams();
    long[][] pts = new long[n][64];
    int[] counts = new int[n];
    long[] ends = new long[n];
    Arrays.fill(ends, Long.MIN_VALUE);
    AVPacket packet = av_packet_alloc();
    try {
      while (demuxer.readPacket(packet, "av_read_frame (exact scan)")) {
        try {
          int s = packet.stream_index();
          if (s < 0 || s >= n || (packet.flags() & AV_PKT_FLAG_DISCARD) != 0) {
            continue;
          }
          long ts = Timestamps.packetTime(packet);
          if (ts == Timestamps.NONE) {
            continue;
          }
          if (counts[s] == pts[s].length) {
            pts[s] = Arrays.copyOf(pts[s], pts[s].length * 2);
          }
          pts[s][counts[s]++] = ts;
          ends[s] = Math.max(ends[s], ts + Math.max(packet.duration(), 0));
        } finally {
          av_packet_unref(packet);
        }
      }
    } finally {
      av_packet_free(packet);
    }
    long[][] sorted = new long[n][];
    for (int s = 0; s < n; s++) {
      sorted[s] = Arrays.copyOf(pts[s], counts[s]);
      Arrays.sort(sorted[s]);
    }
    return new ContentIndex(sorted, ends);
  }

  /** Frames found in stream {@code s}. */
  long frameCount(int s) {
    return sortedPts[s].length;
  }

  /** The smallest pts of stream {@code s}; only when {@link #frameCount} is positive. */
  long firstPts(int s) {
    return sortedPts[s][0];
  }

  /** The largest pts plus its packet's duration; only when {@link #frameCount} is positive. */
  long endPts(int s) {
    return endPts[s];
  }

  /** How many frames of stream {@code s} have a pts below {@code pts}: the display index of a frame at {@code pts}. */
  long rank(int s, long pts) {
    long[] a = sortedPts[s];
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < pts) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
