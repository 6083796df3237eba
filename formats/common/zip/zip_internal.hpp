// Private helpers of the ZIP layer: little-endian field access, record
// signatures and sizes (APPNOTE.TXT), entry-name handling.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace copydesk::zip::detail {

inline constexpr std::uint32_t kLocalSig = 0x04034b50;
inline constexpr std::uint32_t kCentralSig = 0x02014b50;
inline constexpr std::uint32_t kEocdSig = 0x06054b50;
inline constexpr std::uint32_t kEocd64Sig = 0x06064b50;
inline constexpr std::uint32_t kEocd64LocatorSig = 0x07064b50;

inline constexpr std::size_t kLocalSize = 30;
inline constexpr std::size_t kCentralSize = 46;
inline constexpr std::size_t kEocdSize = 22;
inline constexpr std::size_t kEocd64Size = 56;
inline constexpr std::size_t kEocd64LocatorSize = 20;

inline constexpr std::uint16_t kFlagEncrypted = 1u << 0;
inline constexpr std::uint16_t kFlagDataDescriptor = 1u << 3;
inline constexpr std::uint16_t kFlagStrongEncryption = 1u << 6;
inline constexpr std::uint16_t kFlagUtf8 = 1u << 11;

inline constexpr std::uint16_t kMethodStored = 0;
inline constexpr std::uint16_t kMethodDeflated = 8;
inline constexpr std::uint16_t kMethodAes = 99;

inline constexpr std::uint16_t kExtraZip64 = 0x0001;
inline constexpr std::uint16_t kExtraUnicodePath = 0x7075;

inline constexpr std::uint32_t k32Max = 0xFFFFFFFFu;
inline constexpr std::uint16_t k16Max = 0xFFFFu;

// Callers bounds-check before reading.
inline std::uint16_t rd16(const char* p) {
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    return static_cast<std::uint16_t>(u[0] | (u[1] << 8));
}
inline std::uint32_t rd32(const char* p) {
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    return static_cast<std::uint32_t>(u[0]) | (static_cast<std::uint32_t>(u[1]) << 8) |
           (static_cast<std::uint32_t>(u[2]) << 16) | (static_cast<std::uint32_t>(u[3]) << 24);
}
inline std::uint64_t rd64(const char* p) {
    return static_cast<std::uint64_t>(rd32(p)) | (static_cast<std::uint64_t>(rd32(p + 4)) << 32);
}

inline void wr16(char* p, std::uint16_t v) {
    p[0] = static_cast<char>(v & 0xFF);
    p[1] = static_cast<char>(v >> 8);
}
inline void wr32(char* p, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) p[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}
inline void wr64(char* p, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) p[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

// CRC-32 (zlib's) over any length: zlib takes 32-bit lengths.
std::uint32_t crc32_of(std::string_view data, std::uint32_t crc = 0);

// Entry names.
bool is_ascii(std::string_view s);
bool is_valid_utf8(std::string_view s);
std::string cp437_to_utf8(std::string_view s);
// Why a name is unsafe to extract or to address a part by, or nullptr if it is fine.
const char* unsafe_name_reason(std::string_view name);
// ASCII case fold, for duplicate detection (OOXML part names are case-insensitive).
std::string ascii_lower(std::string_view s);

}  // namespace copydesk::zip::detail
