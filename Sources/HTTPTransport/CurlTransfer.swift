import CCurl
import Foundation
import Providers

/// One libcurl transfer: the easy handle, its headers and body, and the callbacks that collect the
/// response. It lives on one thread from start to end, so it needs no locks.
final class CurlTransfer {
    private let request: HTTPRequest
    private var body = Data()
    private var headers: [HTTPHeader] = []
    private var download: FileHandle?
    private var downloadPart: URL?
    /// A read or write of ours that failed (a full disk while downloading, an upload file that ended early);
    /// it outranks libcurl's own error.
    private var localError: (any Error)?
    /// The file a ``HTTPBody/file(_:)`` body is read from, and how many of its bytes are still to send.
    private var upload: FileHandle?
    private var uploadRemaining: Int64 = 0

    init(_ request: HTTPRequest) {
        self.request = request
    }

    func run(cancel: CancellationFlag) throws -> HTTPResponse {
        guard let easy = curl_easy_init() else {
            throw HTTPTransportError(.invalidRequest, "\(request.label): libcurl could not start a transfer")
        }
        defer { curl_easy_cleanup(easy) }
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        var mime: OpaquePointer?
        defer { curl_mime_free(mime) }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

        try configure(easy)
        for header in request.headers { headerList = curl_slist_append(headerList, "\(header.name): \(header.value)") }
        // No `Expect: 100-continue` round trip before uploads; but libcurl would sign an empty `Expect:`
        // that it then does not send, so a signed request keeps the round trip.
        if request.awsSigV4 == nil { headerList = curl_slist_append(headerList, "Expect:") }
        tk_curl_set_pointer(easy, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headerList))
        if case .multipart(let parts) = request.body { mime = try makeMime(parts, on: easy) }
        try openDownload()

        let context = Unmanaged.passUnretained(self).toOpaque()
        tk_curl_set_data_callback(easy, CURLOPT_WRITEFUNCTION, { data, size, count, context in
            Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue().received(data!, size * count)
        })
        tk_curl_set_pointer(easy, CURLOPT_WRITEDATA, context)
        tk_curl_set_data_callback(easy, CURLOPT_HEADERFUNCTION, { data, size, count, context in
            Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue().receivedHeader(data!, size * count)
        })
        tk_curl_set_pointer(easy, CURLOPT_HEADERDATA, context)
        if upload != nil {
            tk_curl_set_data_callback(easy, CURLOPT_READFUNCTION, { data, size, count, context in
                Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue().sendUpload(data!, size * count)
            })
            tk_curl_set_pointer(easy, CURLOPT_READDATA, context)
        }

        let result: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { buffer in
            tk_curl_set_pointer(easy, CURLOPT_ERRORBUFFER, buffer.baseAddress)
            return perform(easy, cancel: cancel)
        }
        let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return try finish(easy, result: result, detail: detail, cancelled: cancel.isCancelled)
    }

    // MARK: - Setting up

    private func configure(_ easy: UnsafeMutableRawPointer) throws {
        guard let scheme = request.url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw HTTPTransportError(.invalidRequest, "\(request.label): only http and https URLs are supported")
        }
        tk_curl_set_string(easy, CURLOPT_URL, request.url.absoluteString)
        tk_curl_set_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        tk_curl_set_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        tk_curl_set_long(easy, CURLOPT_NOSIGNAL, 1)
        tk_curl_set_long(easy, CURLOPT_CONNECTTIMEOUT_MS, request.timeouts.connect.milliseconds)
        tk_curl_set_long(easy, CURLOPT_TIMEOUT_MS, request.timeouts.total.milliseconds)
        // Fewer than one byte a second for the stall limit: the server has stopped.
        tk_curl_set_long(easy, CURLOPT_LOW_SPEED_LIMIT, 1)
        tk_curl_set_long(easy, CURLOPT_LOW_SPEED_TIME, max(1, request.timeouts.stall.milliseconds / 1000))
        // Image URLs and stock footage redirect to their CDN; an Authorization header is not passed on
        // to another host (libcurl's default without CURLOPT_UNRESTRICTED_AUTH).
        tk_curl_set_long(easy, CURLOPT_FOLLOWLOCATION, 1)
        tk_curl_set_long(easy, CURLOPT_MAXREDIRS, 5)
        tk_curl_set_string(easy, CURLOPT_ACCEPT_ENCODING, "")
        tk_curl_set_string(easy, CURLOPT_USERAGENT, "tiktok-ai")
        if let signing = request.awsSigV4 {
            tk_curl_set_string(easy, CURLOPT_AWS_SIGV4, signing.curlProvider)
            tk_curl_set_string(easy, CURLOPT_USERNAME, signing.accessKeyID)
            tk_curl_set_string(easy, CURLOPT_PASSWORD, signing.secretAccessKey)
            // A signature is for one host and path: a redirect is the server's answer, not followed.
            tk_curl_set_long(easy, CURLOPT_FOLLOWLOCATION, 0)
        }

        switch (request.method.uppercased(), request.body) {
        case ("GET", .empty): break
        case ("HEAD", _): tk_curl_set_long(easy, CURLOPT_NOBODY, 1)
        case (let method, .data(let data)):
            tk_curl_set_offset(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(data.count))
            // COPYPOSTFIELDS: libcurl keeps its own copy, so the Data need not outlive this call.
            _ = data.withUnsafeBytes { bytes in
                tk_curl_set_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
            }
            if method != "POST" { tk_curl_set_string(easy, CURLOPT_CUSTOMREQUEST, method) }
        case (let method, .multipart):
            if method != "POST" { tk_curl_set_string(easy, CURLOPT_CUSTOMREQUEST, method) }
        case (let method, .empty):
            tk_curl_set_string(easy, CURLOPT_CUSTOMREQUEST, method)
        case (let method, .file(let file)):
            try openUpload(file)
            tk_curl_set_long(easy, CURLOPT_UPLOAD, 1)
            tk_curl_set_offset(easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(uploadRemaining))
            if method != "PUT" { tk_curl_set_string(easy, CURLOPT_CUSTOMREQUEST, method) }
        }
    }

    private func openUpload(_ file: URL) throws {
        do {
            let handle = try FileHandle(forReadingFrom: file)
            upload = handle
            uploadRemaining = Int64(try handle.seekToEnd())
            try handle.seek(toOffset: 0)
        } catch {
            throw HTTPTransportError(.invalidRequest, "\(request.label): cannot read \(file.lastPathComponent) to upload")
        }
    }

    private func makeMime(_ parts: [MultipartPart], on easy: UnsafeMutableRawPointer) throws -> OpaquePointer? {
        let mime = curl_mime_init(easy)
        for part in parts {
            let field = curl_mime_addpart(mime)
            curl_mime_name(field, part.name)
            switch part.content {
            case .text(let text):
                curl_mime_data(field, text, text.utf8.count)
            case .file(let url, let filename, let contentType):
                guard FileManager.default.isReadableFile(atPath: url.path) else {
                    curl_mime_free(mime)
                    throw HTTPTransportError(.invalidRequest, "\(request.label): cannot read \(url.lastPathComponent) to upload")
                }
                curl_mime_filedata(field, url.path)
                curl_mime_filename(field, filename)
                curl_mime_type(field, contentType)
            }
        }
        tk_curl_set_pointer(easy, CURLOPT_MIMEPOST, UnsafeMutableRawPointer(mime))
        return mime
    }

    private func openDownload() throws {
        guard let destination = request.downloadTo else { return }
        let part = destination.appendingPathExtension("part")
        _ = FileManager.default.createFile(atPath: part.path, contents: nil)
        download = try FileHandle(forWritingTo: part)
        downloadPart = part
    }

    // MARK: - Running

    /// Drives the transfer until it ends or the task is cancelled.
    private func perform(_ easy: UnsafeMutableRawPointer, cancel: CancellationFlag) -> CURLcode {
        guard let multi = curl_multi_init() else { return CURLE_OUT_OF_MEMORY }
        defer { curl_multi_cleanup(multi) }
        curl_multi_add_handle(multi, easy)
        defer { curl_multi_remove_handle(multi, easy) }
        var running: Int32 = 1
        while running > 0 {
            if cancel.isCancelled { return CURLE_ABORTED_BY_CALLBACK }
            guard curl_multi_perform(multi, &running) == CURLM_OK else { return CURLE_FAILED_INIT }
            if running > 0 { curl_multi_poll(multi, nil, 0, CurlTransport.pollInterval, nil) }
        }
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            if message.pointee.msg == CURLMSG_DONE { return message.pointee.data.result }
        }
        return CURLE_FAILED_INIT
    }

    private func received(_ data: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        let bytes = UnsafeRawBufferPointer(start: data, count: count)
        if let download {
            do { try download.write(contentsOf: bytes) } catch {
                localError = error
                return 0 // tells libcurl to stop with CURLE_WRITE_ERROR
            }
        } else {
            body.append(contentsOf: bytes)
        }
        return count
    }

    /// libcurl asks for the next bytes of the upload. A file shorter than it was at the start, or one
    /// that cannot be read, aborts the transfer: the server must not take a part for the whole.
    private func sendUpload(_ buffer: UnsafeMutablePointer<CChar>, _ capacity: Int) -> Int {
        guard let upload, uploadRemaining > 0 else { return 0 }
        let count = read(upload.fileDescriptor, buffer, Int(min(Int64(capacity), uploadRemaining)))
        guard count > 0 else {
            localError = HTTPTransportError(.invalidRequest, count < 0
                ? "\(request.label): the upload could not be read (errno \(errno))"
                : "\(request.label): the upload file ended \(uploadRemaining) bytes early; it changed while it was sent")
            return Int(CURL_READFUNC_ABORT)
        }
        uploadRemaining -= Int64(count)
        return count
    }

    private func receivedHeader(_ data: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        let line = String(decoding: UnsafeRawBufferPointer(start: data, count: count), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            // A new response begins (after a redirect, or a 100 Continue): forget the last one's.
            headers.removeAll()
            if download == nil { body.removeAll() }
        } else if let colon = line.firstIndex(of: ":") {
            headers.append(HTTPHeader(String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                                      String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
        }
        return count
    }

    // MARK: - Ending

    private func finish(_ easy: UnsafeMutableRawPointer, result: CURLcode, detail: String, cancelled: Bool) throws -> HTTPResponse {
        try? download?.close()
        try? upload?.close()
        var keepDownload = false
        defer { if !keepDownload, let downloadPart { try? FileManager.default.removeItem(at: downloadPart) } }
        if cancelled, result == CURLE_ABORTED_BY_CALLBACK { throw CancellationError() }
        if let localError { throw localError }
        guard result == CURLE_OK else { throw transportError(easy, result: result, detail: detail) }

        var status = 0
        tk_curl_get_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var response = HTTPResponse(status: status, headers: headers, body: body)
        if let downloadPart, let destination = request.downloadTo {
            if response.isSuccess {
                try? FileManager.default.removeItem(at: destination)
                try FileManager.default.moveItem(at: downloadPart, to: destination)
                keepDownload = true
                response.file = destination
            } else {
                // An error's body is its explanation, not the download.
                response.body = (try? Data(contentsOf: downloadPart)) ?? Data()
            }
        }
        return response
    }

    private func transportError(_ easy: UnsafeMutableRawPointer, result: CURLcode, detail: String) -> HTTPTransportError {
        let what = detail.isEmpty ? String(cString: curl_easy_strerror(result)) : detail
        let label = request.label
        switch result {
        case CURLE_OPERATION_TIMEDOUT:
            var connectSeconds = 0.0
            tk_curl_get_double(easy, CURLINFO_CONNECT_TIME, &connectSeconds)
            if what.contains("too slow") {
                return .init(.stalled, "\(label): the server sent nothing for \(request.timeouts.stall.spoken) (\(what))")
            }
            if connectSeconds == 0 {
                return .init(.connectFailed, "\(label): could not connect within \(request.timeouts.connect.spoken) (\(what))")
            }
            return .init(.timedOut, "\(label): no complete answer within \(request.timeouts.total.spoken) (\(what))")
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT:
            return .init(.connectFailed, "\(label): could not connect (\(what))")
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2,
             CURLE_HTTP2_STREAM, CURLE_SSL_CONNECT_ERROR:
            return .init(.connectionLost, "\(label): the connection broke (\(what))")
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_READ_ERROR, CURLE_PEER_FAILED_VERIFICATION,
             CURLE_TOO_MANY_REDIRECTS:
            return .init(.invalidRequest, "\(label): \(what)")
        default:
            return .init(.connectionLost, "\(label): \(what)")
        }
    }
}
