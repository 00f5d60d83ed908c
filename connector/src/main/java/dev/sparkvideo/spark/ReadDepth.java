package dev.sparkvideo.spark;

import java.util.Set;
import org.apache.spark.sql.types.StructType;

/** How deep a frame scan reads each file, decided from the columns and filters of the query: cheapest first. */
enum ReadDepth {
  /** Rows from the container index: no packet read, nothing decoded (e.g. {@code count()}). */
  HEADER,
  /** Rows from the demuxer: packets read, nothing decoded. */
  PACKETS,
  /** Rows from decoded frames. */
  PIXELS;

  /** Columns that need a packet per frame; the rest of the frame row is known from the header. */
  private static final Set<String> PER_FRAME = Set.of(VideoSchema.FRAME_INDEX, VideoSchema.PTS,
      VideoSchema.PTS_SECONDS, VideoSchema.DURATION_SECONDS, VideoSchema.IS_KEY_FRAME, VideoSchema.WIDTH,
      VideoSchema.HEIGHT);

  static ReadDepth of(StructType required, VideoReadOptions options, FrameBounds bounds) {
    Set<String> names = Set.of(required.fieldNames());
    if (names.contains(VideoSchema.DATA)) {
      return PIXELS;
    }
    boolean perFrame = names.stream().anyMatch(PER_FRAME::contains);
    boolean selective = bounds.narrowed() || options.startSeconds() != null || options.endSeconds() != null
        || options.frameStep() != 1 || options.keyframesOnly();
    return perFrame || selective ? PACKETS : HEADER;
  }
}
