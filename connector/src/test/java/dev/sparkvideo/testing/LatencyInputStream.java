package dev.sparkvideo.testing;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.FileRange;

/**
 * A local file's stream that makes requests cost what an object store's GETs cost: a fixed latency for each, as
 * S3A's input stream issues them. With the {@code random} read policy every read is a request (a ranged GET of what
 * is asked); otherwise a read that continues where the previous one ended streams on without one, and any other
 * read is a new request. A vectored read makes one request per range, all at once on other threads, as S3A does.
 *
 * <p>Every request is logged JVM-wide with its file, start and end, so that {@link #roundTrips} can tell how many of
 * them a piece of work waited for one after the other. Requests still under way are left out, or, when counting the
 * requests of the files in one directory, waited for: a request another thread started just before the count (a
 * tail fetched beside a head) is the work's own, and requests of another test's files never are.
 */
final class LatencyInputStream extends FSInputStream {
  private static final ExecutorService REQUESTS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "latency-fs-request");
    t.setDaemon(true);
    return t;
  });
  private static final ConcurrentLinkedQueue<Request> LOG = new ConcurrentLinkedQueue<>();
  private static final long IN_FLIGHT_WAIT_MS = 10_000;
  private static final AtomicLong OPEN = new AtomicLong();

  private final FSDataInputStream local;
  private final String path;
  private final long latencyMs;
  private final boolean random;
  private long position;
  private long streamEnd = -1;
  private boolean closed;

  /** One request: the file, its start and, once it is over, its end (System.nanoTime). */
  private static final class Request {
    final String path;
    final long start = System.nanoTime();
    volatile long end;

    Request(String path) {
      this.path = path;
    }

    boolean under(String dir) {
      return path.startsWith(dir.endsWith("/") ? dir : dir + "/");
    }
  }

  LatencyInputStream(FSDataInputStream local, String path, long latencyMs, boolean random) {
    this.local = local;
    this.path = path;
    this.latencyMs = latencyMs;
    this.random = random;
    OPEN.incrementAndGet();
  }

  /** Waits one request's latency, logging it as a request for the file at {@code path}. */
  static void request(String path, long latencyMs) throws InterruptedIOException {
    Request r = new Request(path);
    LOG.add(r);
    try {
      if (latencyMs > 0) {
        Thread.sleep(latencyMs);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted during a request");
    } finally {
      r.end = System.nanoTime();
    }
  }

  /** Forgets the requests logged so far. */
  static void resetLog() {
    LOG.clear();
  }

  /** Requests logged since the last reset and over. */
  static int requests() {
    return finished().size();
  }

  /** Requests for files under {@code dir} logged since the last reset, once those under way are over. */
  static int requests(String dir) throws InterruptedException {
    return finishedUnder(dir).size();
  }

  /**
   * Requests logged since the last reset and over that were waited for one after the other: requests that overlap
   * in time count once.
   */
  static int roundTrips() {
    return roundTrips(finished());
  }

  /** {@link #roundTrips()} of the requests for files under {@code dir}, once those under way are over. */
  static int roundTrips(String dir) throws InterruptedException {
    return roundTrips(finishedUnder(dir));
  }

  private static List<Request> finished() {
    List<Request> done = new ArrayList<>();
    for (Request r : LOG) {
      if (r.end != 0) {
        done.add(r);
      }
    }
    return done;
  }

  private static List<Request> finishedUnder(String dir) throws InterruptedException {
    long deadline = System.nanoTime() + IN_FLIGHT_WAIT_MS * 1_000_000;
    while (true) {
      List<Request> mine = new ArrayList<>();
      boolean underWay = false;
      for (Request r : LOG) {
        if (r.under(dir)) {
          mine.add(r);
          underWay |= r.end == 0;
        }
      }
      if (!underWay || System.nanoTime() > deadline) {
        mine.removeIf(r -> r.end == 0);
        return mine;
      }
      Thread.sleep(5);
    }
  }

  private static int roundTrips(List<Request> requests) {
    requests.sort((a, b) -> Long.compare(a.start, b.start));
    int trips = 0;
    long end = Long.MIN_VALUE;
    for (Request r : requests) {
      if (r.start >= end) {
        trips++;
        end = r.end;
      } else {
        end = Math.max(end, r.end);
      }
    }
    return trips;
  }

  /** Streams opened and not yet closed, JVM-wide. */
  static long openStreams() {
    return OPEN.get();
  }

  @Override
  public synchronized void seek(long pos) throws IOException {
    position = pos;
  }

  @Override
  public synchronized long getPos() {
    return position;
  }

  @Override
  public boolean seekToNewSource(long targetPos) {
    return false;
  }

  @Override
  public synchronized int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public synchronized int read(byte[] b, int off, int len) throws IOException {
    int n = read(position, b, off, len);
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public synchronized int read(long pos, byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("Stream is closed");
    }
    if (random || pos != streamEnd) {
      request(path, latencyMs);
    }
    int n = local.read(pos, b, off, len);
    streamEnd = n > 0 ? pos + n : pos;
    return n;
  }

  @Override
  public void readVectored(List<? extends FileRange> ranges, IntFunction<ByteBuffer> allocate) {
    for (FileRange range : ranges) {
      range.setData(CompletableFuture.supplyAsync(() -> {
        try {
          request(path, latencyMs);
          byte[] bytes = new byte[range.getLength()];
          int done = 0;
          while (done < bytes.length) {
            int n = local.read(range.getOffset() + done, bytes, done, bytes.length - done);
            if (n <= 0) {
              throw new EOFException("End of file at " + (range.getOffset() + done));
            }
            done += n;
          }
          ByteBuffer buffer = allocate.apply(bytes.length);
          buffer.put(bytes).flip();
          return buffer;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, REQUESTS));
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      OPEN.decrementAndGet();
      local.close();
    }
  }
}
