package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avfilter;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;

/** Loads FFmpeg's natives once per JVM and installs the log bridge. */
final class FFmpegRuntime {
  private static volatile boolean loaded;
  private static volatile Throwable loadFailure;

  private FFmpegRuntime() {}

  /**
   * Makes sure FFmpeg is usable.
   *
   * @throws IllegalStateException naming the platform and the cause when the natives cannot be loaded
   */
  static void ensureLoaded() {
    if (loaded) {
      return;
    }
    synchronized (FFmpegRuntime.class) {
      if (loaded) {
        return;
      }
      if (loadFailure != null) {
        throw failure(loadFailure);
      }
      try {
        Loader.load(avutil.class);
        Loader.load(avcodec.class);
        Loader.load(avformat.class);
        Loader.load(swscale.class);
        Loader.load(avfilter.class);
        av_log_set_level(FFmpegLog.configuredLevel());
        setLogCallback(FFmpegLog.INSTANCE);
        loaded = true;
      } catch (Throwable t) {
        loadFailure = t;
        throw failure(t);
      }
    }
  }

  private static IllegalStateException failure(Throwable cause) {
    return new IllegalStateException("Cannot load FFmpeg's native libraries for platform " + Loader.getPlatform()
        + " (org.bytedeco:ffmpeg with classifier " + Loader.getPlatform() + " must be on the classpath; natives"
        + " unpack into the directory set by -Dorg.bytedeco.javacpp.cachedir, default ~/.javacpp/cache): "
        + cause, cause);
  }
}
