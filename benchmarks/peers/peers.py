"""The Python peers of case 9, measured on the files the benchmarks program gives: torchcodec, PyAV, decord.

Run by the benchmarks module in the virtualenv it makes (see requirements.txt); each subcommand prints one JSON
object: for every peer that could be imported, its measures, and under "skipped" why a peer was left out.

    peers.py link-ffmpeg DIR          links PyAV's FFmpeg libraries into DIR under the names torchcodec loads
    peers.py encode CODEC SRC DST     SRC re-encoded with B-frames by CODEC (libx264 or libx265, PyAV's), index last
    peers.py first-frame FILE         first frame: seconds from the path; bytes and reads through a file-like object
    peers.py decode FILE              every frame as RGB24: frames per second and CPU milliseconds per frame
    peers.py random FILE I [I ...]    the frames at indices I: seconds
    peers.py metadata FILE [FILE ...] stream metadata of every file: files per second of CPU

Every decoder runs with one thread. Timed steps run once to warm up, then REPEATS times; medians are reported.
"""

from __future__ import annotations

import io
import json
import statistics
import sys
import time
from typing import Any, Callable, Dict, List

REPEATS = 5


class CountingFile(io.RawIOBase):
    """A file-like object over a local file that counts the bytes and calls of read(), as torchcodec's tutorial does."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self._file = open(path, "rb")
        self.bytes_read = 0
        self.reads = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self._file.read(size)
        self.bytes_read += len(data)
        self.reads += 1
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._file.seek(offset, whence)

    def tell(self) -> int:
        return self._file.tell()

    def close(self) -> None:
        self._file.close()
        super().close()


def median_seconds(step: Callable[[], Any], repeats: int = REPEATS) -> float:
    step()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


# Each peer: how it opens a source (a path or a file-like object) and what a user calls for each measure.


def torchcodec_peer(seek_mode: str) -> Dict[str, Callable[..., Any]]:
    from torchcodec.decoders import VideoDecoder

    def open_(source: Any) -> Any:
        return VideoDecoder(source, seek_mode=seek_mode, num_ffmpeg_threads=1)

    def decode_all(path: str) -> int:
        n = 0
        for frame in open_(path):
            n += frame.shape[0] > 0
        return n

    return {
        "first": lambda source: open_(source)[0].numpy(),
        "decode": decode_all,
        "random": lambda path, indices: open_(path).get_frames_at(indices).data.numpy(),
        "metadata": lambda path: open_(path).metadata.average_fps,
    }


def pyav_peer() -> Dict[str, Callable[..., Any]]:
    import av

    def open_(source: Any) -> Any:
        container = av.open(source)
        stream = container.streams.video[0]
        stream.thread_count = 1
        return container, stream

    def first(source: Any) -> Any:
        container, stream = open_(source)
        with container:
            return next(container.decode(stream)).to_ndarray(format="rgb24")

    def decode_all(path: str) -> int:
        container, stream = open_(path)
        with container:
            return sum(1 for f in container.decode(stream) if f.to_ndarray(format="rgb24").size > 0)

    def random(path: str, indices: List[int]) -> List[Any]:
        # What a PyAV user writes: seek to the keyframe before each frame's time, decode up to it.
        container, stream = open_(path)
        out = []
        with container:
            rate = stream.average_rate
            for i in indices:
                target = int((stream.start_time or 0) + i / rate / stream.time_base)
                container.seek(target, stream=stream, backward=True, any_frame=False)
                for frame in container.decode(stream):
                    if frame.pts is not None and frame.pts >= target:
                        out.append(frame.to_ndarray(format="rgb24"))
                        break
        return out

    def metadata(path: str) -> Any:
        container, stream = open_(path)
        with container:
            return stream.average_rate, stream.frames, stream.duration, stream.codec_context.pix_fmt

    return {"first": first, "decode": decode_all, "random": random, "metadata": metadata}


def decord_peer() -> Dict[str, Callable[..., Any]]:
    import decord

    def open_(source: Any) -> Any:
        return decord.VideoReader(source, num_threads=1)

    def decode_all(path: str) -> int:
        reader = open_(path)
        return sum(1 for _ in range(len(reader)) if reader.next().asnumpy().size > 0)

    return {
        "first": lambda source: open_(source)[0].asnumpy(),
        "decode": decode_all,
        "random": lambda path, indices: open_(path).get_batch(indices).asnumpy(),
        "metadata": lambda path: (len(open_(path)), open_(path).get_avg_fps()),
    }


PEERS: Dict[str, Callable[[], Dict[str, Callable[..., Any]]]] = {
    "torchcodec (approximate)": lambda: torchcodec_peer("approximate"),
    "torchcodec (exact)": lambda: torchcodec_peer("exact"),
    "PyAV": pyav_peer,
    "decord": decord_peer,
}


def each_peer(measure: Callable[[Dict[str, Callable[..., Any]]], Dict[str, Any]]) -> Dict[str, Any]:
    results: Dict[str, Any] = {"skipped": {}}
    for name, make in PEERS.items():
        try:
            peer = make()
        except Exception as e:  # a peer that cannot be imported here is reported, not fatal
            results["skipped"][name] = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
            continue
        results[name] = measure(peer)
    return results


def first_frame(path: str) -> Dict[str, Any]:
    def measure(peer: Dict[str, Callable[..., Any]]) -> Dict[str, Any]:
        seconds = median_seconds(lambda: peer["first"](path))
        counted = CountingFile(path)
        peer["first"](counted)
        counted.close()
        return {"seconds": seconds, "bytes": counted.bytes_read, "reads": counted.reads}

    return each_peer(measure)


def decode(path: str) -> Dict[str, Any]:
    def measure(peer: Dict[str, Callable[..., Any]]) -> Dict[str, Any]:
        peer["decode"](path)
        walls, cpus, frames = [], [], 0
        for _ in range(3):
            c0, t0 = time.process_time(), time.perf_counter()
            frames = peer["decode"](path)
            walls.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        return {"frames": frames, "fps": frames / wall, "cpu_ms_per_frame": 1000 * cpu / frames}

    return each_peer(measure)


def random_frames(path: str, indices: List[int]) -> Dict[str, Any]:
    return each_peer(lambda peer: {"seconds": median_seconds(lambda: peer["random"](path, indices), 3)})


def metadata(paths: List[str]) -> Dict[str, Any]:
    def measure(peer: Dict[str, Callable[..., Any]]) -> Dict[str, Any]:
        for p in paths[:10]:
            peer["metadata"](p)
        c0, t0 = time.process_time(), time.perf_counter()
        for p in paths:
            peer["metadata"](p)
        cpu, wall = time.process_time() - c0, time.perf_counter() - t0
        return {"files_per_cpu_second": len(paths) / cpu, "files_per_second": len(paths) / wall}

    return each_peer(measure)


ENCODER_OPTIONS = {
    # 3 B-frames, a keyframe every 60 frames and only there, as the files of the other cases have.
    "libx264": {"preset": "fast", "bf": "3", "g": "60", "keyint_min": "60", "sc_threshold": "0"},
    "libx265": {"preset": "fast", "x265-params": "bframes=3:keyint=60:min-keyint=60:scenecut=0:log-level=error"},
}


def encode(codec: str, source: str, target: str) -> Dict[str, Any]:
    """SRC re-encoded by CODEC (libx264 or libx265) at 10 Mbit/s with 3 B-frames and a keyframe every 60 frames; MP4
    with the index last."""
    from fractions import Fraction

    import av

    if codec not in ENCODER_OPTIONS:
        raise SystemExit(f"unknown encoder {codec}; one of {sorted(ENCODER_OPTIONS)}")
    with av.open(source) as src, av.open(target, "w", format="mp4") as dst:
        video = src.streams.video[0]
        rate = video.average_rate
        time_base = Fraction(rate.denominator, rate.numerator)
        out = dst.add_stream(codec, rate=rate)
        out.width, out.height, out.pix_fmt = video.width, video.height, "yuv420p"
        out.codec_context.bit_rate = 10_000_000
        out.options = dict(ENCODER_OPTIONS[codec])
        frames = 0
        for frame in src.decode(video):
            # The source's picture types would force the encoder's (no B-frames): let it choose.
            frame.pts, frame.time_base, frame.pict_type = frames, time_base, 0
            for packet in out.encode(frame):
                dst.mux(packet)
            frames += 1
        for packet in out.encode(None):
            dst.mux(packet)
    return {"frames": frames}


def link_ffmpeg(target: str) -> Dict[str, Any]:
    """torchcodec loads FFmpeg's shared libraries by their plain names (libavutil.so.60, ...) and ships none; the PyAV
    wheel carries FFmpeg 8.1.2, the release the connector's Bytedeco build has, under hashed names. Links them into
    TARGET; the library path torchcodec then needs is returned."""
    import glob
    import os
    import re

    import av

    libs = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(av.__file__))), "av.libs")
    os.makedirs(target, exist_ok=True)
    for lib in glob.glob(os.path.join(libs, "lib*.so*")):
        match = re.match(r"(lib(?:av|sw)[a-z]+)-[0-9a-f]{8}\.so\.(\d+)", os.path.basename(lib))
        if match:
            link = os.path.join(target, f"{match.group(1)}.so.{match.group(2)}")
            if os.path.lexists(link):
                os.remove(link)
            os.symlink(lib, link)
    return {"library_path": f"{os.path.abspath(target)}:{libs}"}


def main(argv: List[str]) -> None:
    command, args = argv[0], argv[1:]
    if command == "link-ffmpeg":
        result = link_ffmpeg(args[0])
    elif command == "encode":
        result = encode(args[0], args[1], args[2])
    elif command == "first-frame":
        result = first_frame(args[0])
    elif command == "decode":
        result = decode(args[0])
    elif command == "random":
        result = random_frames(args[0], [int(i) for i in args[1:]])
    elif command == "metadata":
        result = metadata(args)
    else:
        raise SystemExit(f"unknown command {command}; see the module's docstring")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
