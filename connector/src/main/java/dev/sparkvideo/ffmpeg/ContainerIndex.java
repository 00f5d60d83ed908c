package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry;

import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;

/**
 * A container's own per-frame index (MP4's sample table, AVI's idx1), when it lists every frame of the stream: it
 * tells how many frames precede a keyframe without reading them. Entries the demuxer marks as discarded (outside an
 * edit list) are not frames.
 */
final class ContainerIndex {
  private final long[] timestamps;
  private final long[] positions;
  private final long[] framesBefore;
  private final long frameCount;

  private ContainerIndex(long[] timestamps, long[] positions, long[] framesBefore, long frameCount) {
    this.timestamps = timestamps;
    this.positions = positions;
    this.framesBefore = framesBefore;
    this.frameCount = frameCount;
  }

  /** Frames in the stream: the entries not marked as discarded. */
  long frameCount() {
    return frameCount;
  }

  /**
   * The stream's index if it has exactly one entry per sample the header counts (discarded samples included), else
   * {@code null}.
   */
  static ContainerIndex of(AVStream stream) {
    int n = avformat_index_get_entries_count(stream);
    long frames = stream.nb_frames();
    if (n <= 0 || n != frames) {
      return null;
    }
    long[] ts = new long[n];
    long[] pos = new long[n];
    long[] before = new long[n];
    long counted = 0;
    for (int i = 0; i < n; i++) {
      AVIndexEntry e = avformat_index_get_entry(stream, i);
      ts[i] = e.timestamp();
      pos[i] = e.pos();
      before[i] = counted;
      if ((e.flags() & AVIndexEntry.AVINDEX_DISCARD_FRAME) == 0) {
        counted++;
      }
    }
    return new ContainerIndex(ts, pos, before, counted);
  }

  /**
   * Frames before the entry at byte position {@code pos} (whose timestamp is {@code dts}, or unknown), or -1 when no
   * entry is at that position.
   */
  long framesBefore(long pos, long dts) {
    if (dts != Timestamps.NONE) {
      int lo = 0;
      int hi = timestamps.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (timestamps[mid] < dts) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      for (int i = lo; i < timestamps.length && timestamps[i] == dts; i++) {
        if (positions[i] == pos) {
          return framesBefore[i];
        }
      }
    }
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] == pos) {
        return framesBefore[i];
      }
    }
    return -1;
  }
}
