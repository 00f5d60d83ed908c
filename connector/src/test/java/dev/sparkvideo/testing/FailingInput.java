package dev.sparkvideo.testing;

import dev.sparkvideo.io.SeekableInput;
import java.io.IOException;

/** Wraps an input and fails every read that reaches past a byte offset, as a storage outage would. */
public final class FailingInput extends ForwardingInput {
  private final long failFrom;
  private final IOException failure;

  public FailingInput(SeekableInput delegate, long failFrom, IOException failure) {
    super(delegate);
    this.failFrom = failFrom;
    this.failure = failure;
  }

  @Override
  public int read(long position, byte[] buffer, int offset, int length) throws IOException {
    if (position + length > failFrom && position < delegate.length()) {
      throw failure;
    }
    return delegate.read(position, buffer, offset, length);
  }
}
