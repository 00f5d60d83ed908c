package dev.sparkvideo.ffmpeg;

/** How a video is indexed when opened, with torchcodec's meaning. */
public enum SeekMode {
  /**
   * Trust the container header: read it, and later only the packets the requested frames need. Frame counts and
   * durations come from the header; {@code *_from_content} metadata is {@code null}.
   */
  APPROXIMATE,
  /**
   * Scan every packet once at open, without decoding, to index each frame's pts and key flag: exact frame counts,
   * stream begin and end from the content, frame indices by pts rank. Reads the whole file once.
   */
  EXACT
}
