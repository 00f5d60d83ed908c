package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Runs a {@link FrameConverter} on a second thread, one frame at a time, so that converting a frame overlaps
 * decoding the next one, as the ffmpeg command line runs its filters on a thread of their own: the reader hands a
 * picture over ({@link #start}), goes on decoding, then collects the converted bytes ({@link #finish}).
 *
 * <p>The picture is referenced, not copied, so the decoder may reuse its own frame at once. While a conversion is in
 * flight only the worker touches the converter; {@link #finish()} makes its results visible to the caller.
 * {@link #close()} waits for a conversion in flight, then frees the reference; the converter stays its creator's.
 */
final class PipelinedConversion implements AutoCloseable {
  private static final AtomicLong THREADS = new AtomicLong();
  private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "spark-video-convert-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  private final String path;
  private final FrameConverter converter;
  private AVFrame handed;
  private Future<byte[]> inFlight;

  PipelinedConversion(String path, FrameConverter converter) {
    this.path = path;
    this.converter = converter;
    this.handed = av_frame_alloc();
    if (handed == null || handed.isNull()) {
      handed = null;
      throw AvErrors.failure(path, "av_frame_alloc", AvErrors.ENOMEM, null);
    }
  }

  /**
   * Starts converting {@code picture} on the worker.
   *
   * @param reuse an array the raw pixels may be written into when it has their exact size, or {@code null}; the
   *     caller must not read it until {@link #finish()}
   */
  void start(AVFrame picture, byte[] reuse) {
    if (handed == null) {
      throw new IllegalStateException("PipelinedConversion is closed: " + path);
    }
    if (inFlight != null) {
      throw new IllegalStateException("a conversion is already in flight: " + path);
    }
    int ret = av_frame_ref(handed, picture);
    if (ret < 0) {
      throw AvErrors.failure(path, "av_frame_ref", ret, null);
    }
    AVFrame frame = handed;
    inFlight = WORKERS.submit(() -> {
      try {
        return converter.convert(frame, reuse);
      } finally {
        av_frame_unref(frame);
      }
    });
  }

  /** Waits for the conversion {@link #start} began and returns its bytes, or throws what it threw. */
  byte[] finish() {
    Future<byte[]> conversion = inFlight;
    if (conversion == null) {
      throw new IllegalStateException("no conversion in flight: " + path);
    }
    inFlight = null;
    try {
      return await(conversion);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      // FrameConverter.convert throws no checked exception.
      throw new IllegalStateException("converting a frame of " + path + " failed", cause);
    }
  }

  /**
   * Waits without giving way to interrupts: a conversion takes milliseconds, and the native objects it uses must not
   * be freed under it. The interrupt is kept for the caller.
   */
  private static byte[] await(Future<byte[]> conversion) throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return conversion.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits for a conversion in flight (its outcome no longer matters) and frees the picture reference. Idempotent. */
  @Override
  public void close() {
    if (handed == null) {
      return;
    }
    if (inFlight != null) {
      try {
        await(inFlight);
      } catch (ExecutionException | RuntimeException ignored) {
        // Closing: the frame it was converting is not wanted any more.
      } finally {
        inFlight = null;
      }
    }
    av_frame_free(handed);
    handed = null;
  }
}
