package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry;

import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;

/**
 * A container's own per-frame index (MP4's sample table, AVI's idx1), when it lists every frame of the stream: it
 * tells how many frames precede a keyframe without reading them. As {@link FrameGate} has it, entries before the
 * first keyframe and entries the demuxer marks as discarded (outside an edit list) are not frames.
 */
final class ContainerIndex {
  private ContainerIndex() {}

  /**
   * The stream's index if it has exactly one entry per sample the header counts (discarded samples included), else
   * {@code null}.
   */
  static DecodeOrderIndex of(AVStream stream) {
    int n = avformat_index_get_entries_count(stream);
    long frames = stream.nb_frames();
    if (n <= 0 || n != frames) {
      return null;
    }
    DecodeOrderIndex index = new DecodeOrderIndex();
    boolean started = false;
    for (int i = 0; i < n; i++) {
      AVIndexEntry e = avformat_index_get_entry(stream, i);
      started |= (e.flags() & AVIndexEntry.AVINDEX_KEYFRAME) != 0;
      boolean frame = started && (e.flags() & AVIndexEntry.AVINDEX_DISCARD_FRAME) == 0;
      index.add(e.timestamp(), e.pos(), frame);
    }
    return index;
  }
}
