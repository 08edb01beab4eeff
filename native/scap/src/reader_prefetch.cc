// See reader_prefetch.h.
#include "reader_prefetch.h"

#include <cstdlib>
#include <cstring>

namespace sinspect {

ReaderPrefetch::ReaderPrefetch(savefile_reader *r, uint32_t max_events, size_t max_bytes, size_t depth,
                               std::vector<PrefetchSlot> slots)
    : reader_(r),
      max_events_(max_events),
      max_bytes_(max_bytes),
      depth_(depth < 1 ? 1 : depth),
      slots_(std::move(slots)),
      slot_busy_(slots_.size(), false) {
  thread_ = std::thread([this] { Run(); });
}

ReaderPrefetch::~ReaderPrefetch() { Stop(); }

int ReaderPrefetch::AcquireSlot() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    if (stop_) return -2;
    for (size_t i = 0; i < slots_.size(); i++) {
      if (!slot_busy_[i]) {
        slot_busy_[i] = true;
        return static_cast<int>(i);
      }
    }
    room_.wait(lock);
  }
}

void ReaderPrefetch::Run() {
  for (;;) {
    event_batch b{};
    {
      std::unique_lock<std::mutex> lock(mu_);
      room_.wait(lock, [this] { return stop_ || queue_.size() < depth_; });
      if (stop_) break;
      if (slots_.empty() && !spare_.empty()) {
        b = spare_.back();
        spare_.pop_back();
      }
    }
    PrefetchedBatch out;
    int64_t n;
    // Read without the lock: this is the work the JS thread must not wait for.
    // With slots, records are written straight into a free one (no copy); a batch
    // whose first event is larger than a slot goes to memory of its own instead.
    int slot = slots_.empty() ? -1 : AcquireSlot();
    if (slot == -2) break;
    if (slot >= 0) {
      event_batch in_slot{};
      in_slot.data = slots_[slot].data;
      in_slot.cap = slots_[slot].cap;
      in_slot.fixed = 1;
      n = savefile_reader_next_batch(reader_, max_events_, max_bytes_, &in_slot);
      if (n > 0) {
        out.slot = slot;
        out.len = in_slot.len;
        out.count = in_slot.count;
      } else {
        ReleaseSlot(slot);
      }
    } else {
      n = SAVEFILE_BATCH_TOO_SMALL;
    }
    if (n == SAVEFILE_BATCH_TOO_SMALL) {
      b.len = 0;
      b.count = 0;
      n = savefile_reader_next_batch(reader_, max_events_, max_bytes_, &b);
      if (n > 0) {
        out.data = b.data;
        out.cap = b.cap;
        out.len = b.len;
        out.count = b.count;
        b.data = nullptr;
      }
    }
    std::free(b.data);
    if (n < 0) out.error = savefile_reader_error(reader_);
    out.bytes_read = savefile_reader_bytes_read(reader_);
    bool last = out.count == 0;
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.push_back(std::move(out));
      if (last) ended_ = true;
    }
    ready_.notify_one();
    if (last) break;
  }
}

PrefetchedBatch ReaderPrefetch::Take() {
  std::unique_lock<std::mutex> lock(mu_);
  if (terminal_taken_) return terminal_;
  ready_.wait(lock, [this] { return !queue_.empty(); });
  PrefetchedBatch b = std::move(queue_.front());
  queue_.pop_front();
  if (b.count == 0) {
    terminal_ = b;
    terminal_taken_ = true;
  }
  lock.unlock();
  room_.notify_all();
  return b;
}

void ReaderPrefetch::Recycle(uint8_t *data, size_t cap) {
  if (data == nullptr) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    // one spare per batch that can be in flight; an exceptionally large one is not kept
    if (!stop_ && spare_.size() <= depth_ && cap <= 4 * max_bytes_) {
      event_batch b{};
      b.data = data;
      b.cap = cap;
      spare_.push_back(b);
      return;
    }
  }
  std::free(data);
}

void ReaderPrefetch::ReleaseSlot(int slot) {
  if (slot < 0 || static_cast<size_t>(slot) >= slots_.size()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    slot_busy_[slot] = false;
  }
  room_.notify_all();
}

void ReaderPrefetch::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  room_.notify_all();
  if (thread_.joinable()) thread_.join();
  for (PrefetchedBatch &b : queue_) std::free(b.data);
  queue_.clear();
  for (event_batch &b : spare_) std::free(b.data);
  spare_.clear();
}

}  // namespace sinspect
