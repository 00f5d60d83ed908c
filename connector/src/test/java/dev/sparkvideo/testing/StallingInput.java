package dev.sparkvideo.testing;

import dev.sparkvideo.io.SeekableInput;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Wraps an input whose reads past a byte offset block, as a storage server that stopped answering, until the reading
 * thread is interrupted (what Spark does to a cancelled task); the read then fails as Hadoop's streams do.
 */
public final class StallingInput extends ForwardingInput {
  private final long stallFrom;

  public StallingInput(SeekableInput delegate, long stallFrom) {
    super(delegate);
    this.stallFrom = stallFrom;
  }

  @Override
  public int read(long position, byte[] buffer, int offset, int length) throws IOException {
    if (position + length > stallFrom && position < delegate.length()) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("read interrupted while storage stalled");
      }
    }
    return delegate.read(position, buffer, offset, length);
  }
}
