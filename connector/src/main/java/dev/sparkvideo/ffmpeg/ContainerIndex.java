package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry;

import java.util.HashMap;
import java.util.Map;
import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;

/**
 * The container's own per-frame indexes of one open file (MP4's sample table, AVI's idx1), for the streams whose
 * index lists every frame: it tells how many frames precede a keyframe without reading them. As {@link FrameGate} has
 * it, entries before the first keyframe and entries the demuxer marks as discarded (outside an edit list) are not
 * frames.
 *
 * <p>Each stream's index is built once and kept for the readers that follow (a query of many frame ranges opens a
 * reader per range; rebuilding a long file's index for each cost time in proportion to the file's length). Where a
 * demuxer adds entries as it reads packets, the entry count changes, and the index is then built again from the
 * entries it has.
 */
final class ContainerIndex {
  private final Map<Integer, Built> built = new HashMap<>();

  /**
   * The stream's index if it has exactly one entry per sample the header counts (discarded samples included), else
   * {@code null}.
   */
  DecodeOrderIndex of(AVStream stream) {
    int entries = avformat_index_get_entries_count(stream);
    Built b = built.get(stream.index());
    if (b == null || b.entries != entries) {
      b = new Built(entries, build(stream, entries));
      built.put(stream.index(), b);
    }
    return b.index;
  }

  private static DecodeOrderIndex build(AVStream stream, int n) {
    if (n <= 0 || n != stream.nb_frames()) {
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

  /** An index as built from {@code entries} entries ({@code null} when they do not list every frame). */
  private record Built(int entries, DecodeOrderIndex index) {}
}
