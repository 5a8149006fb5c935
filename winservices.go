package psutil

import (
	"iter"
	"strings"
)

// ServiceStartType is how a Windows service starts, with psutil's values.
type ServiceStartType string

// Start types, as returned by psutil's WindowsService.start_type().
const (
	ServiceStartAutomatic ServiceStartType = "automatic"
	ServiceStartManual    ServiceStartType = "manual"
	ServiceStartDisabled  ServiceStartType = "disabled"
	// ServiceStartUnknown covers boot and system start (drivers).
	ServiceStartUnknown ServiceStartType = "unknown"
)

// ServiceStatus is the state of a Windows service, with psutil's values.
type ServiceStatus string

// Service states, as returned by psutil's WindowsService.status().
const (
	ServiceRunning         ServiceStatus = "running"
	ServicePaused          ServiceStatus = "paused"
	ServiceStartPending    ServiceStatus = "start_pending"
	ServicePausePending    ServiceStatus = "pause_pending"
	ServiceContinuePending ServiceStatus = "continue_pending"
	ServiceStopPending     ServiceStatus = "stop_pending"
	ServiceStopped         ServiceStatus = "stopped"
	ServiceStatusUnknown   ServiceStatus = "unknown"
)

// WindowsService is one Windows service, as psutil's WindowsService. Name
// and DisplayName are fixed when the value is made; every other method asks
// the Service Control Manager again, so it sees the current state.
//
// Errors: a service that does not exist (any more) gives [ErrNotFound]
// (psutil raises NoSuchProcess there; a service is not a process, so this
// package uses its not-found sentinel, which also matches fs.ErrNotExist).
// The Win32 code (ERROR_SERVICE_DOES_NOT_EXIST = 1060) is kept in the
// error as a syscall.Errno. ERROR_ACCESS_DENIED gives [ErrAccessDenied].
// On other systems every function returns [ErrNotImplemented].
type WindowsService struct {
	name        string
	displayName string
}

// WindowsServiceInfo is the result of [WindowsService.AsDict]. JSON keys
// are psutil's as_dict() keys.
type WindowsServiceInfo struct {
	BinPath     string           `json:"binpath"`
	Description string           `json:"description"`
	DisplayName string           `json:"display_name"`
	Name        string           `json:"name"`
	PID         int              `json:"pid"` // 0 where psutil has None (not running)
	StartType   ServiceStartType `json:"start_type"`
	Status      ServiceStatus    `json:"status"`
	Username    string           `json:"username"`
}

// winServiceConfig is the part of QueryServiceConfigW that psutil uses.
type winServiceConfig struct {
	displayName string
	binPath     string
	username    string
	startType   string
}

// WinServiceIter returns every Win32 service (drivers excluded), in the
// order the Service Control Manager lists them. It corresponds to
// psutil.win_service_iter(). A listing failure is yielded once as
// (nil, err) and ends the sequence.
func WinServiceIter() iter.Seq2[*WindowsService, error] {
	return func(yield func(*WindowsService, error) bool) {
		list, err := winServiceList()
		if err != nil {
			yield(nil, err)
			return
		}
		for i := range list {
			if !yield(&list[i], nil) {
				return
			}
		}
	}
}

// WinServices returns all Win32 services as a slice (WinServiceIter
// collected).
func WinServices() ([]*WindowsService, error) {
	list, err := winServiceList()
	if err != nil {
		return nil, err
	}
	out := make([]*WindowsService, len(list))
	for i := range list {
		out[i] = &list[i]
	}
	return out, nil
}

// WinServiceGet returns the service with the given (key) name, as
// psutil.win_service_get(name). An unknown name gives [ErrNotFound].
func WinServiceGet(name string) (*WindowsService, error) {
	if err := checkServiceName(name); err != nil {
		return nil, err
	}
	cfg, err := winServiceConfigOf(name)
	if err != nil {
		return nil, err
	}
	return &WindowsService{name: name, displayName: cfg.displayName}, nil
}

func checkServiceName(name string) error {
	if strings.IndexByte(name, 0) >= 0 {
		return makeErr(codeInval, 0, "service name contains NUL")
	}
	return nil
}

// Name returns the service (key) name.
func (s *WindowsService) Name() string { return s.name }

// DisplayName returns the name shown to users, as fetched when s was made.
func (s *WindowsService) DisplayName() string { return s.displayName }

// String gives psutil's repr shape: WindowsService(name=..., display_name=...).
func (s *WindowsService) String() string {
	return "WindowsService(name='" + s.name + "', display_name='" + s.displayName + "')"
}

// BinPath returns the command line that starts the service.
func (s *WindowsService) BinPath() (string, error) {
	c, err := winServiceConfigOf(s.name)
	return c.binPath, err
}

// Username returns the account the service runs as ("" if none is set).
func (s *WindowsService) Username() (string, error) {
	c, err := winServiceConfigOf(s.name)
	return c.username, err
}

// StartType returns how the service starts.
func (s *WindowsService) StartType() (ServiceStartType, error) {
	c, err := winServiceConfigOf(s.name)
	return ServiceStartType(c.startType), err
}

// PID returns the process running the service, or 0 when none does
// (psutil returns None).
func (s *WindowsService) PID() (int, error) {
	_, pid, err := winServiceStatusOf(s.name)
	return pid, err
}

// Status returns the current state of the service.
func (s *WindowsService) Status() (ServiceStatus, error) {
	st, _, err := winServiceStatusOf(s.name)
	return ServiceStatus(st), err
}

// Description returns the service description; "" when it has none.
func (s *WindowsService) Description() (string, error) {
	return winServiceDescriptionOf(s.name)
}

// AsDict returns every property at once, as psutil's as_dict(). The
// display name is re-read. The first error ends the call.
func (s *WindowsService) AsDict() (WindowsServiceInfo, error) {
	c, err := winServiceConfigOf(s.name)
	if err != nil {
		return WindowsServiceInfo{}, err
	}
	st, pid, err := winServiceStatusOf(s.name)
	if err != nil {
		return WindowsServiceInfo{}, err
	}
	d, err := winServiceDescriptionOf(s.name)
	if err != nil {
		return WindowsServiceInfo{}, err
	}
	return WindowsServiceInfo{
		BinPath:     c.binPath,
		Description: d,
		DisplayName: c.displayName,
		Name:        s.name,
		PID:         pid,
		StartType:   ServiceStartType(c.startType),
		Status:      ServiceStatus(st),
		Username:    c.username,
	}, nil
}

func winServiceConfigOf(name string) (winServiceConfig, error) {
	if err := checkServiceName(name); err != nil {
		return winServiceConfig{}, err
	}
	return winServiceConfigImpl(name)
}

func winServiceStatusOf(name string) (string, int, error) {
	if err := checkServiceName(name); err != nil {
		return "", 0, err
	}
	return winServiceStatusImpl(name)
}

func winServiceDescriptionOf(name string) (string, error) {
	if err := checkServiceName(name); err != nil {
		return "", err
	}
	return winServiceDescriptionImpl(name)
}
