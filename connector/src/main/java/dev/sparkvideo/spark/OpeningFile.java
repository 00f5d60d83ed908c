package dev.sparkvideo.spark;

import dev.sparkvideo.io.HadoopSeekableInput;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.execution.datasources.PartitionedFile;

/**
 * One file opened, and its ends fetched, on a shared pool of daemon threads: only storage work runs there (FFmpeg
 * runs on the task's thread). The input belongs to this object until it is taken, and to the taker after; an
 * abandoned one is closed, at once or when its opening finishes.
 */
final class OpeningFile implements Runnable {
  private static final AtomicLong THREADS = new AtomicLong();
  private static final ExecutorService OPENERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "spark-video-open-ahead-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  private final PartitionedFile file;
  private final FileSystem fs;
  private int head;
  private int tail;
  private int fetchedHead;
  private int fetchedTail;
  private HadoopSeekableInput input;
  private Throwable failure;
  private boolean done;
  private boolean abandoned;

  private OpeningFile(PartitionedFile file, FileSystem fs, int head, int tail) {
    this.file = file;
    this.fs = fs;
    this.head = head;
    this.tail = tail;
  }

  /** Starts opening {@code file} and fetching its first {@code head} and last {@code tail} bytes. */
  static OpeningFile start(PartitionedFile file, FileSystem fs, int head, int tail) {
    OpeningFile o = new OpeningFile(file, fs, head, tail);
    OPENERS.execute(o);
    return o;
  }

  PartitionedFile file() {
    return file;
  }

  @Override
  public void run() {
    synchronized (this) {
      if (abandoned) {
        return;
      }
    }
    HadoopSeekableInput opened = null;
    Throwable failed = null;
    int headBytes;
    int tailBytes;
    synchronized (this) {
      headBytes = head;
      tailBytes = tail;
    }
    try {
      opened = FileInputs.open(fs, file, headBytes, tailBytes);
      opened.awaitPrefetch();
    } catch (Throwable t) {
      failed = t;
      closeQuietly(opened);
      opened = null;
    }
    synchronized (this) {
      if (abandoned) {
        closeQuietly(opened);
      } else {
        input = opened;
        failure = failed;
        fetchedHead = headBytes;
        fetchedTail = tailBytes;
      }
      done = true;
      notifyAll();
    }
    widen();
  }

  /** Asks for larger ends, fetched in the background unless the input has been taken. */
  synchronized void want(int[] ends) {
    head = Math.max(head, ends[0]);
    tail = Math.max(tail, ends[1]);
    if (done && input != null) {
      OPENERS.execute(this::widen);
    }
  }

  /** Fetches what {@link #want} added, while the input is still here; holds the lock so that no take interleaves. */
  private synchronized void widen() {
    if (input == null || (head <= fetchedHead && tail <= fetchedTail)) {
      return;
    }
    try {
      input.prefetchEnds(head, tail);
    } catch (IOException | RuntimeException e) {
      // Not fetched ahead: the reader reads those bytes itself, and meets the failure then if it lasts.
    } finally {
      fetchedHead = head;
      fetchedTail = tail;
    }
  }

  synchronized HadoopSeekableInput take() throws IOException {
    while (!done) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        abandon();
        throw new InterruptedIOException("Interrupted while opening " + file.toPath());
      }
    }
    HadoopSeekableInput taken = input;
    input = null;
    if (failure instanceof IOException) {
      throw (IOException) failure;
    }
    if (failure instanceof RuntimeException) {
      throw (RuntimeException) failure;
    }
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    return taken;
  }

  synchronized void abandon() {
    abandoned = true;
    closeQuietly(input);
    input = null;
  }

  private static void closeQuietly(HadoopSeekableInput in) {
    if (in != null) {
      try {
        in.close();
      } catch (IOException | RuntimeException ignored) {
        // Nothing was read from it; the task goes on without it.
      }
    }
  }
}
