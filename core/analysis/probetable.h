#pragma once
// Internal to core/analysis: positions (0, 1, …) by hash in one block, for the indexes a rebuild
// builds over every component (ids, lump signatures) — a node per entry, as the standard
// unordered containers allocate, was most of those indexes' cost.

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

namespace sc::detail {

// Open addressing with linear probing, at most two thirds full. The table keeps no keys: the
// caller's `same(position)` tells whether an entry is the one sought.
class ProbeTable
{
public:
    // Room for `capacity` positions.
    explicit ProbeTable(size_t capacity)
        : m_slots(std::bit_ceil(std::max<size_t>(capacity + capacity / 2, 16)), -1)
    {
    }
    // The first position added with this hash for which `same(position)` holds, or −1.
    template <class Same> int find(std::uint64_t hash, Same &&same) const
    {
        for (size_t at = start(hash); m_slots[at] >= 0; at = next(at))
            if (same(m_slots[at]))
                return m_slots[at];
        return -1;
    }
    // `position` (≥ 0; at most `capacity` of them in all) under this hash.
    void add(std::uint64_t hash, int position)
    {
        size_t at = start(hash);
        while (m_slots[at] >= 0)
            at = next(at);
        m_slots[at] = position;
    }

private:
    // The first slot to look in: the hash's top bits after a Fibonacci multiply (a hash that
    // varies little in its low bits, as a lump signature's does, would otherwise fill runs of
    // neighbouring slots and make the probes long).
    size_t start(std::uint64_t hash) const
    {
        return size_t((hash * 0x9E3779B97F4A7C15u) >> (64 - std::countr_zero(m_slots.size())));
    }
    size_t next(size_t at) const { return (at + 1) & (m_slots.size() - 1); }
    std::vector<int> m_slots; // −1: empty
};

} // namespace sc::detail
