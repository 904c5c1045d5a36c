/// The motion or treatment a scene's image gets in the render.
public enum MotionEffect: String, Codable, Sendable, CaseIterable {
    case slowZoomIn = "slow_zoom_in"
    case slowZoomOut = "slow_zoom_out"
    case panLeft = "pan_left"
    case panRight = "pan_right"
    case tiltUp = "tilt_up"
    case tiltDown = "tilt_down"
    case glitch
    case flashCut = "flash_cut"
    case fade
    case `static`
}
