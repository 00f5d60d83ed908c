package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FORCE;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import dev.sparkvideo.io.SeekableInput;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Serves FFmpeg's I/O from {@link SeekableInput}s through custom {@code AVIOContext}s.
 *
 * <p>JavaCPP gives each callback class only a few native slots, and a callback object collected while FFmpeg holds
 * it crashes the JVM. So there is exactly one read, one seek and one nested-open callback for the whole JVM, held
 * in static fields forever; FFmpeg passes each context's id back through {@code opaque}, and the id selects the open
 * {@link Channel} in a concurrent map. Any number of inputs can be open at once, on any threads.
 */
final class AvioBridge {
  private static final Map<Long, Channel> OPEN = new ConcurrentHashMap<>();
  private static final AtomicLong IDS = new AtomicLong();
  private static final ReadCallback READ = new ReadCallback();
  private static final SeekCallback SEEK = new SeekCallback();
  private static final RefuseNestedOpen REFUSE_OPEN = new RefuseNestedOpen();

  private AvioBridge() {}

  /**
   * Creates a custom AVIOContext reading {@code input}.
   *
   * @param bufferSize bytes FFmpeg asks for per read, and the size of its buffer
   * @throws VideoException when FFmpeg cannot allocate the context
   */
  static Channel open(SeekableInput input, int bufferSize) {
    FFmpegRuntime.ensureLoaded();
    long id = IDS.incrementAndGet();
    Channel channel = new Channel(id, input, bufferSize);
    OPEN.put(id, channel);
    try {
      channel.allocate();
      return channel;
    } catch (RuntimeException | Error e) {
      channel.close();
      throw e;
    }
  }

  /** How many channels are open in this JVM (for leak checks). */
  static int openChannels() {
    return OPEN.size();
  }

  /** Makes every attempt of {@code context} (and of demuxers nested in it) to open another file or URL fail. */
  static void refuseNestedOpens(AVFormatContext context, Channel channel) {
    context.opaque(channel.idPointer);
    context.io_open(REFUSE_OPEN);
  }

  /** A pointer whose address is an id, never dereferenced: FFmpeg hands it back to the callbacks as-is. */
  private static final class IdPointer extends Pointer {
    IdPointer(long id) {
      address = id;
    }
  }

  /** One open input as FFmpeg sees it: its AVIOContext, position, and the first storage failure kept for the caller. */
  static final class Channel implements AutoCloseable {
    private final long id;
    private final Pointer idPointer;
    private final SeekableInput input;
    private final int bufferSize;
    private byte[] scratch;
    private AVIOContext context;
    private long position;
    private volatile Throwable failure;
    private volatile String refusedUrl;

    /** The most bytes one read asks storage for when FFmpeg asks for more than its buffer holds. */
    private static final int MAX_DIRECT_READ = 8 << 20;

    private Channel(long id, SeekableInput input, int bufferSize) {
      if (bufferSize < 4096) {
        throw new IllegalArgumentException("I/O buffer size must be at least 4096 bytes, got " + bufferSize);
      }
      this.id = id;
      this.idPointer = new IdPointer(id);
      this.input = input;
      this.bufferSize = bufferSize;
      this.scratch = new byte[bufferSize];
    }

    private void allocate() {
      Pointer buffer = av_malloc(bufferSize);
      if (buffer == null || buffer.isNull()) {
        throw new VideoException(input.name(), "av_malloc", AvErrors.ENOMEM, AvErrors.describe(AvErrors.ENOMEM), null);
      }
      AVIOContext ctx = avio_alloc_context(new BytePointer(buffer), bufferSize, 0, idPointer, READ, null, SEEK);
      if (ctx == null || ctx.isNull()) {
        av_free(buffer);
        throw new VideoException(input.name(), "avio_alloc_context", AvErrors.ENOMEM,
            AvErrors.describe(AvErrors.ENOMEM), null);
      }
      context = ctx;
    }

    /** The AVIOContext to set as an AVFormatContext's {@code pb}. */
    AVIOContext context() {
      return context;
    }

    /** The first storage failure seen by a callback, or {@code null}. */
    Throwable failure() {
      return failure;
    }

    /** The URL FFmpeg last tried to open on its own (and was refused), or {@code null}. */
    String refusedUrl() {
      return refusedUrl;
    }

    int read(BytePointer buf, int size) {
      if (size <= 0) {
        return AvErrors.EINVAL;
      }
      try {
        if (size > scratch.length && scratch.length < MAX_DIRECT_READ) {
          // FFmpeg reads a packet larger than its buffer straight into the packet: one request, not many.
          scratch = new byte[Math.min(size, MAX_DIRECT_READ)];
        }
        int wanted = Math.min(size, scratch.length);
        int n = input.read(position, scratch, 0, wanted);
        if (n <= 0) {
          return AvErrors.EOF;
        }
        if (size > bufferSize) {
          // A read past the buffer asks for exactly what the caller needs (a packet, an index table): get all of
          // it here, since a short answer would make FFmpeg refill its whole buffer for the rest.
          n += fill(position + n, n, wanted);
        }
        buf.position(0).put(scratch, 0, n);
        position += n;
        return n;
      } catch (Throwable t) {
        keep(t);
        return AvErrors.EIO;
      }
    }

    /** Reads into {@code scratch} from {@code from} until it holds {@code wanted} bytes or the input ends. */
    private int fill(long from, int offset, int wanted) throws IOException {
      int added = 0;
      while (offset + added < wanted) {
        int n = input.read(from + added, scratch, offset + added, wanted - offset - added);
        if (n <= 0) {
          break;
        }
        added += n;
      }
      return added;
    }

    long seek(long offset, int whence) {
      try {
        int how = whence & ~AVSEEK_FORCE;
        if (how == AVSEEK_SIZE) {
          return input.length();
        }
        long target;
        switch (how) {
          case 0: // SEEK_SET
            target = offset;
            break;
          case 1: // SEEK_CUR
            target = position + offset;
            break;
          case 2: // SEEK_END
            target = input.length() + offset;
            break;
          default:
            return AvErrors.EINVAL;
        }
        if (target < 0 || target > input.length()) {
          return AvErrors.EINVAL;
        }
        position = target;
        return target;
      } catch (Throwable t) {
        keep(t);
        return AvErrors.EIO;
      }
    }

    private void keep(Throwable t) {
      if (failure == null) {
        failure = t;
      } else if (failure != t) {
        failure.addSuppressed(t);
      }
    }

    /** Frees the AVIOContext and its current buffer (FFmpeg may have replaced the one given). Idempotent. */
    @Override
    public void close() {
      AVIOContext ctx = context;
      context = null;
      if (ctx != null) {
        BytePointer buffer = ctx.buffer();
        if (buffer != null && !buffer.isNull()) {
          av_free(buffer);
        }
        ctx.buffer(null);
        avio_context_free(ctx);
      }
      OPEN.remove(id, this);
    }
  }

  private static final class ReadCallback extends Read_packet_Pointer_BytePointer_int {
    @Override
    public int call(Pointer opaque, BytePointer buf, int size) {
      Channel channel = opaque == null ? null : OPEN.get(opaque.address());
      return channel == null ? AvErrors.EIO : channel.read(buf, size);
    }
  }

  private static final class SeekCallback extends Seek_Pointer_long_int {
    @Override
    public long call(Pointer opaque, long offset, int whence) {
      Channel channel = opaque == null ? null : OPEN.get(opaque.address());
      return channel == null ? AvErrors.EIO : channel.seek(offset, whence);
    }
  }

  /** Demuxers such as HLS, concat or image sequences open further URLs through this: always refused. */
  private static final class RefuseNestedOpen
      extends AVFormatContext.Io_open_AVFormatContext_PointerPointer_BytePointer_int_PointerPointer {
    @Override
    @SuppressWarnings("rawtypes")
    public int call(AVFormatContext s, PointerPointer pb, BytePointer url, int flags, PointerPointer options) {
      try {
        Pointer opaque = s == null ? null : s.opaque();
        Channel channel = opaque == null ? null : OPEN.get(opaque.address());
        if (channel != null) {
          channel.refusedUrl = url == null || url.isNull() ? "" : url.getString();
        }
      } catch (Throwable t) {
        // The refusal stands whatever happens here.
      }
      return AvErrors.EPERM;
    }
  }
}
