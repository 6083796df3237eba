// Base64 (RFC 4648, with padding) for resource data in JSON.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace copydesk::base64 {

std::string encode(std::string_view bytes);
// nullopt on any character outside the alphabet or a bad length.
std::optional<std::string> decode(std::string_view text);

}  // namespace copydesk::base64
