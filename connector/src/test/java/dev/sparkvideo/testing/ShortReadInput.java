package dev.sparkvideo.testing;

import dev.sparkvideo.io.SeekableInput;
import java.io.IOException;

/** Wraps an input and returns at most a few bytes per read, as a slow network stream may. */
public final class ShortReadInput extends ForwardingInput {
  private final int most;

  public ShortReadInput(SeekableInput delegate, int most) {
    super(delegate);
    this.most = most;
  }

  @Override
  public int read(long position, byte[] buffer, int offset, int length) throws IOException {
    return delegate.read(position, buffer, offset, Math.min(length, most));
  }
}
