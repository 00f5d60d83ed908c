package dev.sparkvideo.ffmpeg;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether a core of this JVM is spare for a reader's second thread: every reader converting pixels counts one core
 * (its own thread) and every conversion in flight on a second thread one more, and a conversion may go to a second
 * thread only while that keeps the count within the JVM's cores ({@link Runtime#availableProcessors()}: the
 * machine's, or its container's limit). A task alone on its executor then converts on a second thread while it
 * decodes, as the ffmpeg command line does; with as many video tasks as cores, each converts on its own thread, where
 * a second one would only add hand-overs and thread switches (case 3 in docs/performance.md). FFmpeg's own decoder
 * threads ({@code threads} other than 1) are the user's choice and are not counted.
 */
final class SpareCores {
  /** The cores of this JVM, shared by all its readers. */
  static final SpareCores JVM = new SpareCores(Runtime.getRuntime().availableProcessors());

  private final int cores;
  private final AtomicInteger readers = new AtomicInteger();
  private final AtomicInteger converting = new AtomicInteger();

  SpareCores(int cores) {
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be at least 1, got " + cores);
    }
    this.cores = cores;
  }

  /** Counts a reader that converts pixels, until {@link #readerClosed()}. */
  void readerOpened() {
    readers.incrementAndGet();
  }

  /** Stops counting a reader {@link #readerOpened()} counted; once per reader. */
  void readerClosed() {
    readers.decrementAndGet();
  }

  /**
   * Takes a core for one conversion on a second thread if one is spare; a core taken must be given back with
   * {@link #giveBack()} when the conversion is done.
   */
  boolean tryTake() {
    while (true) {
      int inFlight = converting.get();
      if (readers.get() + inFlight + 1 > cores) {
        return false;
      }
      if (converting.compareAndSet(inFlight, inFlight + 1)) {
        return true;
      }
    }
  }

  /** Gives back a core {@link #tryTake()} took. */
  void giveBack() {
    converting.decrementAndGet();
  }
}
