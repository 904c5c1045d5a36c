import Foundation

/// Which search result a scene gets.
enum StockPick {
    /// A video for a scene of `seconds` in a `width`×`height` frame: among the MP4 files of portrait
    /// shape, the one nearest the frame's size; videos at least as long as the scene come first (a
    /// shorter one is looped by the render, and a loop shows).
    static func video(_ videos: [PexelsSearch.Video], seconds: Double, width: Int, height: Int)
        -> (video: PexelsSearch.Video, file: PexelsSearch.Video.File, link: URL)? {
        func nearest(_ video: PexelsSearch.Video) -> (file: PexelsSearch.Video.File, link: URL, distance: Int)? {
            video.videoFiles.compactMap { file -> (PexelsSearch.Video.File, URL, Int)? in
                guard file.fileType?.lowercased() == "video/mp4", let w = file.width, let h = file.height, h >= w, w > 0,
                      let link = webURL(file.link) else { return nil }
                return (file, link, abs(w - width) + abs(h - height))
            }.min { $0.2 < $1.2 }.map { (file: $0.0, link: $0.1, distance: $0.2) }
        }
        let candidates = videos.compactMap { video in nearest(video).map { (video, $0) } }
        let best = candidates.min { a, b in
            let (longA, longB) = (a.0.duration >= seconds, b.0.duration >= seconds)
            return longA != longB ? longA : a.1.distance < b.1.distance
        }
        return best.map { (video: $0.0, file: $0.1.file, link: $0.1.link) }
    }

    /// A photo for a `width`×`height` picture: one that covers it, nearest its shape; else the largest.
    /// Its link asks Pexels' image server for about that size (the `src` sizes are made the same way),
    /// so a 6000-pixel original is not downloaded to be shrunk.
    static func photo(_ photos: [PexelsSearch.Photo], width: Int, height: Int) -> (photo: PexelsSearch.Photo, link: URL)? {
        let target = Double(width) / Double(height)
        let usable = photos.filter { $0.width > 0 && $0.height > 0 && webURL($0.src.original) != nil }
        let covering = usable.filter { $0.width >= width && $0.height >= height }
        let shape = { (photo: PexelsSearch.Photo) in abs(log(Double(photo.width) / Double(photo.height) / target)) }
        guard let photo = covering.min(by: { shape($0) < shape($1) }) ?? usable.max(by: { $0.width * $0.height < $1.width * $1.height }),
              var components = URLComponents(string: photo.src.original) else { return nil }
        // The side that makes it cover: the height for a photo wider than the frame, else the width.
        let side = Double(photo.width) / Double(photo.height) >= target
            ? URLQueryItem(name: "h", value: String(height)) : URLQueryItem(name: "w", value: String(width))
        components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "auto", value: "compress"),
                                                                  URLQueryItem(name: "cs", value: "tinysrgb"), side]
        return components.url.map { (photo: photo, link: $0) }
    }

    /// Downloads go to http(s) only.
    private static func webURL(_ text: String) -> URL? {
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased()) else { return nil }
        return url
    }
}
