// Reading a savefile ahead on a thread of its own: while JS works through one batch,
// the next ones are read (and inflated, for gzip files) on another core. On a
// two-core machine this takes the whole cost of reading off the JS thread.
//
// Batches are handed over in one of two ways. By default each comes in memory of its
// own (malloc'ed) that the JS thread copies into a Buffer. With slots (memory that JS
// owns: Buffers that take turns), the thread reads each batch straight into a free
// slot, so that nobody copies it at all; JS gives a slot back once it is done with the
// batch in it. A batch whose first event is larger than a slot comes in memory of
// its own.
#ifndef SINSPECT_READER_PREFETCH_H
#define SINSPECT_READER_PREFETCH_H

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "event_batch.h"
#include "savefile_reader.h"

namespace sinspect {

// Memory the thread may read batches into; whoever owns it keeps it alive until Stop().
struct PrefetchSlot {
  uint8_t *data = nullptr;
  size_t cap = 0;
};

// One batch read ahead: in slot `slot` (>= 0; len bytes at that slot's data), or else
// in `data`, malloc'ed, which belongs to whoever takes the batch (see Recycle).
// A batch with count 0 ends the stream: at the end of the file when `error` is
// empty, otherwise at damage (every batch before it is complete and valid).
struct PrefetchedBatch {
  int slot = -1;
  uint8_t *data = nullptr;
  size_t len = 0;
  size_t cap = 0;  // bytes allocated at data
  uint32_t count = 0;
  uint64_t bytes_read = 0;  // savefile_reader_bytes_read after this batch
  std::string error;
};

class ReaderPrefetch {
 public:
  // Starts reading r on a new thread, at most `depth` batches ahead. The reader is
  // the thread's until Stop() returns. With slots, batches that fit one go there.
  ReaderPrefetch(savefile_reader *r, uint32_t max_events, size_t max_bytes, size_t depth,
                 std::vector<PrefetchSlot> slots = {});
  ~ReaderPrefetch();
  ReaderPrefetch(const ReaderPrefetch &) = delete;
  ReaderPrefetch &operator=(const ReaderPrefetch &) = delete;

  // The next batch, waiting for it if the thread is behind. After the terminal batch
  // (count 0) every call returns another terminal batch with the same error.
  PrefetchedBatch Take();

  // Gives a taken batch's malloc'ed memory back for the thread to read the next
  // batches into: a fresh allocation per batch costs page faults on both threads.
  void Recycle(uint8_t *data, size_t cap);

  // Gives a taken batch's slot back: the thread may read another batch into it.
  void ReleaseSlot(int slot);

  // Asks the thread to finish its current batch and joins it; batches not taken are freed.
  void Stop();

 private:
  void Run();
  // A free slot (then marked busy), or -2 when stopping. Waits while every slot is busy.
  int AcquireSlot();

  savefile_reader *reader_;
  const uint32_t max_events_;
  const size_t max_bytes_;
  const size_t depth_;
  const std::vector<PrefetchSlot> slots_;
  std::vector<bool> slot_busy_;
  std::mutex mu_;
  std::condition_variable ready_;  // a batch was queued (or the stream ended)
  std::condition_variable room_;   // a batch was taken, a slot released (or Stop was called)
  std::deque<PrefetchedBatch> queue_;
  std::vector<event_batch> spare_;  // recycled allocations, reused by the thread
  bool ended_ = false;  // the terminal batch is in the queue or was taken
  bool stop_ = false;
  PrefetchedBatch terminal_;  // a copy of the terminal batch, handed out again after it
  bool terminal_taken_ = false;
  std::thread thread_;
};

}  // namespace sinspect

#endif
