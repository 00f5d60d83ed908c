package dev.sparkvideo.ffmpeg;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Damage met while reading one stream: counted, logged once per read, and fatal only when nothing but damage comes
 * for {@value #MAX_CONSECUTIVE_ERRORS} packets in a row (a file that is noise, not a damaged video).
 */
final class Damage {
  private static final Logger LOG = LoggerFactory.getLogger(FrameReader.class);
  static final int MAX_CONSECUTIVE_ERRORS = 1000;

  private final String path;
  private final int streamIndex;
  private long count;
  private int consecutive;

  Damage(String path, int streamIndex) {
    this.path = path;
    this.streamIndex = streamIndex;
  }

  /**
   * Counts one damaged packet or frame.
   *
   * @throws VideoException after too many in a row
   */
  void report(int errorCode, String function) {
    count++;
    if (++consecutive > MAX_CONSECUTIVE_ERRORS) {
      throw AvErrors.failure(path, function, errorCode, null);
    }
    if (count == 1) {
      LOG.warn("Skipping damaged data in stream {} of {}: {} returned '{}'; later errors in this file are counted,"
          + " not logged", streamIndex, path, function, AvErrors.describe(errorCode));
    }
  }

  /** A picture came out whole (or concealed): the run of errors is over. */
  void recovered() {
    consecutive = 0;
  }

  /** Damaged packets and frames so far. */
  long count() {
    return count;
  }
}
