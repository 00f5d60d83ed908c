package dev.sparkvideo.testing;

import dev.sparkvideo.io.ReadStatistics;
import dev.sparkvideo.io.SeekableInput;
import java.io.IOException;

/** A {@link SeekableInput} that passes everything to another; test wrappers override {@link #read} to misbehave. */
public abstract class ForwardingInput implements SeekableInput {
  protected final SeekableInput delegate;

  protected ForwardingInput(SeekableInput delegate) {
    this.delegate = delegate;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public long length() {
    return delegate.length();
  }

  @Override
  public int read(long position, byte[] buffer, int offset, int length) throws IOException {
    return delegate.read(position, buffer, offset, length);
  }

  @Override
  public ReadStatistics statistics() {
    return delegate.statistics();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
