package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_DEBUG;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_INFO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_PANIC;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_TRACE;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_VERBOSE;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;

import java.util.Locale;
import java.util.Map;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes FFmpeg's log to SLF4J (logger {@value #LOGGER_NAME}) at matching levels. FFmpeg only formats messages at or
 * above the threshold set by the system property {@value #LEVEL_PROPERTY} (FFmpeg's level names: quiet, panic,
 * fatal, error, warning, info, verbose, debug, trace); the default, {@value #DEFAULT_LEVEL}, keeps it quiet, since
 * every error that matters reaches the caller as a {@link VideoException}.
 */
final class FFmpegLog extends LogCallback {
  static final String LOGGER_NAME = "dev.sparkvideo.ffmpeg.native";
  static final String LEVEL_PROPERTY = "sparkvideo.ffmpeg.logLevel";
  static final String DEFAULT_LEVEL = "fatal";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
  private static final Map<String, Integer> LEVELS = Map.of(
      "quiet", AV_LOG_QUIET, "panic", AV_LOG_PANIC, "fatal", AV_LOG_FATAL, "error", AV_LOG_ERROR,
      "warning", AV_LOG_WARNING, "info", AV_LOG_INFO, "verbose", AV_LOG_VERBOSE, "debug", AV_LOG_DEBUG,
      "trace", AV_LOG_TRACE);

  /** The single instance: JavaCPP callbacks must stay reachable for as long as FFmpeg may call them. */
  static final FFmpegLog INSTANCE = new FFmpegLog();

  private FFmpegLog() {}

  /** The FFmpeg log level named by {@value #LEVEL_PROPERTY}, or the default when it is unset or unknown. */
  static int configuredLevel() {
    String name = System.getProperty(LEVEL_PROPERTY, DEFAULT_LEVEL).trim().toLowerCase(Locale.ROOT);
    Integer level = LEVELS.get(name);
    if (level == null) {
      LOG.warn("Unknown {}={}; expected one of {}; using {}", LEVEL_PROPERTY, name, LEVELS.keySet(), DEFAULT_LEVEL);
      return LEVELS.get(DEFAULT_LEVEL);
    }
    return level;
  }

  @Override
  public void call(int level, BytePointer message) {
    try {
      String text = message.getString().stripTrailing();
      if (text.isEmpty()) {
        return;
      }
      int l = level & 0xff;
      if (l <= AV_LOG_ERROR) {
        LOG.error(text);
      } else if (l <= AV_LOG_WARNING) {
        LOG.warn(text);
      } else if (l <= AV_LOG_INFO) {
        LOG.info(text);
      } else if (l <= AV_LOG_DEBUG) {
        LOG.debug(text);
      } else {
        LOG.trace(text);
      }
    } catch (Throwable t) {
      // Nothing may propagate into native code. A failing logger loses one message.
    }
  }
}
