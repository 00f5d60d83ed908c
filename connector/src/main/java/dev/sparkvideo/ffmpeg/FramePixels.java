package dev.sparkvideo.ffmpeg;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * The pixels of the frames a {@link FrameReader} returns: each decoded picture through its {@link FrameConverter},
 * on a second thread ({@link PipelinedConversion}, with {@link FrameRequest#conversionThread()}) while the reader
 * looks for the next frame when this JVM has a core spare for it ({@link SpareCores}), else on the reader's thread.
 * With {@code reuseData} the previous frame's array is written into when the size matches. Owns the converter and
 * the pipeline, and counts as a reader in {@link SpareCores} until closed.
 */
final class FramePixels implements AutoCloseable {
  private final FrameConverter converter;
  private final boolean reuseData;
  private final SpareCores cores;
  private PipelinedConversion pipeline;
  private byte[] lastData;
  private boolean closed;

  /**
   * @param pipelined whether conversions may run on a second thread (when a core is spare)
   * @param reuseData whether a frame's array may be overwritten by the next frame's pixels
   */
  FramePixels(String path, FrameConverter converter, boolean pipelined, boolean reuseData) {
    this.converter = converter;
    this.reuseData = reuseData;
    this.cores = SpareCores.JVM;
    try {
      this.pipeline = pipelined ? new PipelinedConversion(path, converter) : null;
    } catch (RuntimeException | Error e) {
      converter.close();
      throw e;
    }
    cores.readerOpened();
  }

  /**
   * Converts {@code picture}; {@link #width()} and {@link #height()} then describe the result.
   *
   * @param meanwhile work to overlap with the conversion, run on this thread while the second thread converts (it
   *     must change nothing {@code picture} needs), or {@code null} to convert on this thread; not run at all when
   *     conversions are not pipelined or no core is spare
   */
  byte[] convert(AVFrame picture, Runnable meanwhile) {
    byte[] reuse = reuseData ? lastData : null;
    byte[] data;
    if (pipeline == null || meanwhile == null || !cores.tryTake()) {
      data = converter.convert(picture, reuse);
    } else {
      try {
        pipeline.start(picture, reuse);
        meanwhile.run();
        data = pipeline.finish();
      } finally {
        cores.giveBack();
      }
    }
    if (reuseData) {
      lastData = data;
    }
    return data;
  }

  /** Width of the last converted frame. */
  int width() {
    return converter.width();
  }

  /** Height of the last converted frame. */
  int height() {
    return converter.height();
  }

  /** Waits for a conversion in flight, then frees the converter. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    cores.readerClosed();
    lastData = null;
    if (pipeline != null) {
      pipeline.close();
      pipeline = null;
    }
    converter.close();
  }
}
