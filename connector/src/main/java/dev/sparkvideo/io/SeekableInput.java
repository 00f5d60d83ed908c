package dev.sparkvideo.io;

import java.io.Closeable;
import java.io.IOException;

/**
 * A file that can be read at any position, of known length, counting what it reads.
 *
 * <p>This is all the decoder needs from storage: FFmpeg's I/O callbacks are served by {@link #read}, so only the byte
 * ranges a demuxer asks for are fetched. Implementations are not required to be thread-safe; one decoder reads
 * one input from one thread at a time.
 */
public interface SeekableInput extends Closeable {

  /** A name for messages and logs: the file's full URI for files, never {@code null}. */
  String name();

  /** The length in bytes, known without reading the content. */
  long length();

  /**
   * A name for these exact bytes, the same for every input over the same version of the same file (its URI, length
   * and modification time), so that what was learned reading it can serve other readers of it in this JVM; {@code
   * null} (the default) when the version is not known.
   */
  default String version() {
    return null;
  }

  /**
   * Reads up to {@code length} bytes at {@code position} into {@code buffer}.
   *
   * @param position the offset in the file, {@code 0 <= position}
   * @param buffer where the bytes go
   * @param offset where in {@code buffer} the first byte goes
   * @param length the most bytes to read, {@code > 0}
   * @return the number of bytes read, at least 1, or -1 when {@code position >= length()}
   * @throws IOException when storage fails; an {@link java.io.InterruptedIOException} when the thread is interrupted
   * @throws IllegalStateException after {@link #close()}
   */
  int read(long position, byte[] buffer, int offset, int length) throws IOException;

  /** What this input has read so far. */
  ReadStatistics statistics();

  /** Releases the underlying stream. Idempotent. */
  @Override
  void close() throws IOException;
}
