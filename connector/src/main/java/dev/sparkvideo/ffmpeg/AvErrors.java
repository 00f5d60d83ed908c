package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

/** FFmpeg error codes and their text. */
final class AvErrors {
  static final int EPERM = -1;
  static final int EIO = -5;
  static final int EAGAIN = -11;
  static final int ENOMEM = -12;
  static final int EINVAL = -22;
  static final int EOF = AVERROR_EOF;
  static final int INVALID_DATA = AVERROR_INVALIDDATA;

  private AvErrors() {}

  /** FFmpeg's text for an error code, as {@code av_strerror} gives it. */
  static String describe(int errorCode) {
    byte[] buf = new byte[256];
    if (av_strerror(errorCode, buf, buf.length) < 0) {
      return "unknown error " + errorCode;
    }
    int n = 0;
    while (n < buf.length && buf[n] != 0) {
      n++;
    }
    return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** An exception for a failed FFmpeg call on a file, with the storage failure behind it as the cause, if any. */
  static VideoException failure(String path, String function, int errorCode, Throwable ioFailure) {
    String reason = describe(errorCode);
    if (ioFailure != null) {
      reason = reason + "; storage failed: " + ioFailure;
    }
    return new VideoException(path, function, errorCode, reason, ioFailure);
  }
}
