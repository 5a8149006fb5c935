package psutil

// AF_LINK is the address family of MAC addresses in NetIfAddrs, as
// psutil.AF_LINK (-1 on Windows, which has no such family).
const AF_LINK = -1
