package psutil

// AF_LINK is the address family of MAC addresses in NetIfAddrs, as
// psutil.AF_LINK (AF_PACKET on Linux).
const AF_LINK = 17
